package dev.smspipeline.campaign.account;

/**
 * What kind of number a sender is, and the carrier throughput each kind gets by default
 * (Twilio's published figures: a US long code about one segment a second, a toll-free
 * number three, a short code a hundred).
 */
public enum SenderKind {

	LONG_CODE(1), TOLL_FREE(3), SHORT_CODE(100);

	private final double defaultSegmentsPerSecond;

	SenderKind(double defaultSegmentsPerSecond) {
		this.defaultSegmentsPerSecond = defaultSegmentsPerSecond;
	}

	public double defaultSegmentsPerSecond() {
		return this.defaultSegmentsPerSecond;
	}

	/** The same kind as {@code sms.accounts} publishes it. */
	public dev.smspipeline.events.SenderKind published() {
		return dev.smspipeline.events.SenderKind.valueOf(name());
	}

}
