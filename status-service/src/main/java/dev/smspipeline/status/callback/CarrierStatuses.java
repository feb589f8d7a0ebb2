package dev.smspipeline.status.callback;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.smspipeline.events.MessageStatus;

/**
 * The carrier's {@code MessageStatus} values and the status each one means here. Statuses
 * of inbound or WhatsApp messages ({@code receiving}, {@code received}, {@code read},
 * ...) and of scheduling at the carrier are not ours to track.
 */
final class CarrierStatuses {

	private static final Map<String, MessageStatus> STATUSES = Map.of("accepted", MessageStatus.SUBMITTED, "queued",
			MessageStatus.SUBMITTED, "sending", MessageStatus.SUBMITTED, "sent", MessageStatus.SENT, "delivered",
			MessageStatus.DELIVERED, "undelivered", MessageStatus.UNDELIVERED, "failed", MessageStatus.FAILED);

	private CarrierStatuses() {
	}

	/** Our status for the carrier's, or empty when the callback is not one we track. */
	static Optional<MessageStatus> map(String carrierStatus) {
		if (carrierStatus == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(STATUSES.get(carrierStatus.trim().toLowerCase(Locale.ROOT)));
	}

}
