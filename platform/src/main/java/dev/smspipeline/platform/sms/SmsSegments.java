package dev.smspipeline.platform.sms;

/**
 * How many SMS segments a text takes: GSM-7 fits 160 characters in one segment and 153
 * per segment when concatenated (a character of GSM-7's extension table takes two);
 * anything outside GSM-7 forces UCS-2 with 70 and 67.
 */
public final class SmsSegments {

	private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String GSM7_EXTENDED = "^{}\\[~]|€\f";

	private SmsSegments() {
	}

	/**
	 * How many segments {@code text} takes.
	 * @param text the text as sent
	 * @return 1 or more
	 */
	public static int count(String text) {
		int gsmUnits = 0;
		boolean gsm = true;
		for (int i = 0; i < text.length() && gsm; i++) {
			char c = text.charAt(i);
			if (GSM7_BASIC.indexOf(c) >= 0) {
				gsmUnits++;
			}
			else if (GSM7_EXTENDED.indexOf(c) >= 0) {
				gsmUnits += 2;
			}
			else {
				gsm = false;
			}
		}
		if (gsm) {
			return (gsmUnits <= 160) ? 1 : ceilDiv(gsmUnits, 153);
		}
		int utf16Units = text.length();
		return (utf16Units <= 70) ? 1 : ceilDiv(utf16Units, 67);
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

}
