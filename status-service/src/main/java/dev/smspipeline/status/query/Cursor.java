package dev.smspipeline.status.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import dev.smspipeline.platform.problem.Problems;

/**
 * The position after which a keyset-paginated list goes on: the sort key (a time, then an
 * id) of the last item of the page before. Opaque to clients: base64url of
 * {@code <kind>|<instant>|<id>}; the kind keeps a cursor of one list from being used on
 * another.
 *
 * @param at the last item's time
 * @param id the last item's id
 */
record Cursor(Instant at, String id) {

	private static final int MAX_LENGTH = 512;

	/** The cursor text after an item of list {@code kind}. */
	static String encode(String kind, Instant at, String id) {
		String plain = kind + "|" + at + "|" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor a client passed for list {@code kind}, or {@code null} when it passed
	 * none; 400 naming {@code cursor} when it is not one this list gave out.
	 */
	static Cursor decode(String kind, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > MAX_LENGTH) {
			throw invalid();
		}
		try {
			String plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
			String[] parts = plain.split("\\|", 3);
			if (parts.length != 3 || !parts[0].equals(kind) || parts[2].isEmpty()) {
				throw invalid();
			}
			return new Cursor(Instant.parse(parts[1]), parts[2]);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw invalid();
		}
	}

	private static RuntimeException invalid() {
		return Problems.invalid("cursor", "is not a cursor of this list: pass the 'next' value of the previous page");
	}

}
