package dev.smspipeline.dispatch.carrier;

/**
 * Hands one text to the carrier. Calling it again for the same message id never sends the
 * text twice: the message id is the carrier's idempotency token.
 */
public interface Carrier {

	/**
	 * Asks the carrier to send {@code text}, once.
	 * @param text the text
	 * @return what the carrier answered; never throws for carrier or network failures
	 */
	CarrierAnswer submit(OutboundText text);

}
