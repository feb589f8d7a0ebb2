package dev.smspipeline.campaign.recipient;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.stereotype.Component;

/**
 * Normalises what users type as a phone number to E.164 and decides whether it may be
 * texted: a valid number in an allowed country.
 */
@Component
public class PhoneNumbers {

	public static final String INVALID_NUMBER = "INVALID_NUMBER";

	public static final String UNSUPPORTED_COUNTRY = "UNSUPPORTED_COUNTRY";

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final RecipientSettings settings;

	public PhoneNumbers(RecipientSettings settings) {
		this.settings = settings;
	}

	public PhoneNumberCheck check(String raw) {
		if (raw == null || raw.isBlank()) {
			return new PhoneNumberCheck.Rejected(INVALID_NUMBER, "no phone number given");
		}
		PhoneNumber number;
		try {
			number = this.util.parse(raw, this.settings.defaultRegion().toUpperCase(Locale.ROOT));
		}
		catch (NumberParseException ex) {
			return new PhoneNumberCheck.Rejected(INVALID_NUMBER, "not a phone number: " + ex.getMessage());
		}
		if (!this.util.isValidNumber(number)) {
			return new PhoneNumberCheck.Rejected(INVALID_NUMBER, "not a valid phone number");
		}
		String region = this.util.getRegionCodeForNumber(number);
		if (region == null || !this.settings.allowedCountries().contains(region)) {
			return new PhoneNumberCheck.Rejected(UNSUPPORTED_COUNTRY,
					"numbers in " + region + " may not be texted; allowed: " + this.settings.allowedCountries());
		}
		return new PhoneNumberCheck.Accepted(this.util.format(number, PhoneNumberFormat.E164), region);
	}

	/**
	 * A valid number in E.164, whatever its country (an opt-out may name a number the
	 * account may not text).
	 * @param raw the number as written
	 * @return E.164, or empty when it is not a valid number
	 */
	public Optional<String> e164(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = this.util.parse(raw, this.settings.defaultRegion().toUpperCase(Locale.ROOT));
			return this.util.isValidNumber(number) ? Optional.of(this.util.format(number, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The ISO 3166 region of an E.164 number, for country-specific rules.
	 * @param e164 a number this class accepted
	 * @return its region, or {@code null} when it cannot be placed
	 */
	public String region(String e164) {
		try {
			return this.util.getRegionCodeForNumber(this.util.parse(e164, null));
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

}
