package dev.smspipeline.dispatch;

import java.util.function.Predicate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;

/**
 * Which events on {@code sms.delivery-status} belong to a text, for the tests' probes.
 */
public final class TextStatuses {

	private TextStatuses() {
	}

	/**
	 * Every status event of the request's text.
	 * @param request the request
	 * @return the test
	 */
	public static Predicate<DeliveryStatus> of(MessageRequested request) {
		return (status) -> status.getMessageId().equals(request.getMessageId());
	}

	/**
	 * The request's text in status {@code expected}.
	 * @param request the request
	 * @param expected the status
	 * @return the test
	 */
	public static Predicate<DeliveryStatus> of(MessageRequested request, MessageStatus expected) {
		return of(request).and((status) -> status.getStatus() == expected);
	}

}
