package dev.smspipeline.status.store;

/**
 * Text as PostgreSQL takes it: blank is absent, and NUL (which a text column refuses) is
 * dropped, so no field a client typed can block the stream.
 */
final class Texts {

	private Texts() {
	}

	static String text(CharSequence value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		if (text.indexOf('\0') >= 0) {
			text = text.replace("\0", "");
		}
		return text.isBlank() ? null : text;
	}

	static String required(CharSequence value) {
		return value.toString().replace("\0", "");
	}

}
