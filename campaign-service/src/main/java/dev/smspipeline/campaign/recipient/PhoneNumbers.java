package dev.smspipeline.campaign.recipient;

import java.util.Locale;

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

}
