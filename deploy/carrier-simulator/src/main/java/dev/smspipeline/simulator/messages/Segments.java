package dev.smspipeline.simulator.messages;

/**
 * Counts SMS segments as carriers do: GSM-7 bodies take 160 characters in one segment and
 * 153 per segment when split; any other character makes the body UCS-2, 70 and 67.
 */
public final class Segments {

	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

	private Segments() {
	}

	/**
	 * The number of segments of a body.
	 * @param body the message body
	 * @return at least 1
	 */
	public static int count(String body) {
		int septets = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (GSM_BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (GSM_EXTENDED.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				int units = body.length();
				return (units <= 70) ? 1 : (units + 66) / 67;
			}
		}
		return (septets <= 160) ? 1 : (septets + 152) / 153;
	}

}
