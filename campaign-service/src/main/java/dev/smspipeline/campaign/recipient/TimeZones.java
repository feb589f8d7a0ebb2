package dev.smspipeline.campaign.recipient;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import org.springframework.stereotype.Component;

/**
 * Where a recipient's clock is: the zone they gave, or the zones libphonenumber's
 * {@link PhoneNumberToTimeZonesMapper} places their number in (an area code can span
 * several), or the configured default when it cannot place it.
 */
@Component
public class TimeZones {

	private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();

	private final RecipientSettings settings;

	public TimeZones(RecipientSettings settings) {
		this.settings = settings;
	}

	/**
	 * A time zone as a recipient wrote it.
	 * @param id an IANA zone id such as {@code America/Chicago}
	 * @return the zone, or empty when {@code id} names none
	 */
	public static Optional<ZoneId> parse(String id) {
		if (id == null || id.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(ZoneId.of(id.trim()));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The zones of an E.164 number, never empty.
	 * @param e164 a number {@link PhoneNumbers} accepted
	 * @return its zones, most likely first
	 */
	public List<ZoneId> of(String e164) {
		List<ZoneId> zones = new ArrayList<>(2);
		try {
			for (String id : this.mapper.getTimeZonesForNumber(this.util.parse(e164, null))) {
				if (!UNKNOWN.equals(id)) {
					parse(id).ifPresent(zones::add);
				}
			}
		}
		catch (NumberParseException ex) {
			// Falls back to the default below.
		}
		if (zones.isEmpty()) {
			zones.add(this.settings.defaultTimeZone());
		}
		return zones;
	}

}
