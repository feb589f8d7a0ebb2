package dev.smspipeline.dispatch.submission;

import java.time.Instant;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.schemas.EventIds;

/**
 * The opt-out a carrier reports by refusing a text with 21610 ("attempt to send to
 * unsubscribed recipient"): the lead replied STOP to the carrier directly, so every
 * service must stop texting them, as after a STOP through our inbound webhook.
 */
final class CarrierOptOut {

	/** Twilio's code for a recipient who unsubscribed from the sender. */
	static final String UNSUBSCRIBED = "21610";

	private CarrierOptOut() {
	}

	static boolean reportedBy(Submission outcome) {
		return UNSUBSCRIBED.equals(outcome.failureCode());
	}

	/**
	 * The change, with an event id derived from the refused message, so a repeat after a
	 * crash is the same event to every reader.
	 * @param request the refused text
	 * @param at when the carrier refused it
	 * @return the change
	 */
	static OptOutChange of(MessageRequested request, Instant at) {
		return OptOutChange.newBuilder()
			.setEventId(EventIds.carrierOptOut(request.getMessageId(), UNSUBSCRIBED))
			.setAccountId(request.getAccountId())
			.setRecipient(request.getRecipient())
			.setAction(OptOutAction.OPT_OUT)
			.setSource(OptOutSource.CARRIER_ERROR)
			.setSender(request.getSender())
			.setOccurredAt(at)
			.build();
	}

}
