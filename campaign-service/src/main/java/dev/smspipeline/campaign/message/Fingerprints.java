package dev.smspipeline.campaign.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two one-off requests "the same request" for an idempotency key: SHA-256 over
 * the fields that decide the text, as read (not as sent over the wire), so JSON
 * whitespace, field order and the way the number is written ({@code (415) 555-2671} or
 * {@code +14155552671}) do not matter, and the same key sent over REST and over
 * {@code crm.sms-requests} is recognised as the same request.
 */
final class Fingerprints {

	private static final char SEPARATOR = '\u001f';

	private static final String ABSENT = "\u0000";

	private Fingerprints() {
	}

	/**
	 * The fingerprint of a request.
	 * @param request the request
	 * @param e164 its recipient in E.164 when it could be read, else {@code null}
	 * @return 32 bytes
	 */
	static byte[] of(OneOffRequest request, String e164) {
		StringBuilder canonical = new StringBuilder("v1");
		append(canonical, (e164 != null) ? e164 : trim(request.recipient()));
		append(canonical, request.body());
		append(canonical, trim(request.sender()));
		append(canonical, trim(request.campaignId()));
		append(canonical, Boolean.toString(request.allowDuplicate()));
		append(canonical, (request.notBefore() != null) ? Long.toString(request.notBefore().toEpochMilli()) : null);
		if (request.respectQuietHours()) {
			// Only when set, so the fingerprints of keys stored before the field existed
			// stay the same.
			append(canonical, "respectQuietHours");
		}
		for (Map.Entry<String, String> attribute : new TreeMap<>(request.attributes()).entrySet()) {
			append(canonical, attribute.getKey());
			append(canonical, attribute.getValue());
		}
		try {
			return MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void append(StringBuilder canonical, String value) {
		canonical.append(SEPARATOR).append((value != null) ? value.length() + ":" + value : ABSENT);
	}

	private static String trim(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
