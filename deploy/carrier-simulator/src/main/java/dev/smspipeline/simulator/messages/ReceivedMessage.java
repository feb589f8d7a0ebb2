package dev.smspipeline.simulator.messages;

import dev.smspipeline.simulator.fault.FaultMode;

/**
 * One create request the simulator received, as {@code GET /sim/messages} lists it.
 *
 * @param receivedAt arrival time, epoch milliseconds
 * @param to the {@code To} field
 * @param from the {@code From} field
 * @param body the {@code Body} field
 * @param idempotencyKey the {@code I-Twilio-Idempotency-Token} or {@code Idempotency-Key}
 * header, or {@code null}
 * @param outcome what the simulator did
 * @param sid the message SID of the answer, or {@code null} when none was created
 * @param httpStatus the HTTP status of the answer
 * @param errorCode the Twilio error code of the answer, or {@code null}
 * @param statusCallback the {@code StatusCallback} field, or {@code null}
 * @param fault the fault that acted on the request ({@link FaultMode#ERROR_500}: answered
 * 500 without a decision; {@link FaultMode#TIMEOUT}: decided as logged, answer held past
 * the client's timeout), or {@code null} when none did
 */
public record ReceivedMessage(long receivedAt, String to, String from, String body, String idempotencyKey,
		Outcome outcome, String sid, int httpStatus, Integer errorCode, String statusCallback, FaultMode fault) {

	/**
	 * A request no fault acted on.
	 * @param receivedAt arrival time, epoch milliseconds
	 * @param to the {@code To} field
	 * @param from the {@code From} field
	 * @param body the {@code Body} field
	 * @param idempotencyKey the idempotency header, or {@code null}
	 * @param outcome what the simulator did
	 * @param sid the message SID of the answer, or {@code null}
	 * @param httpStatus the HTTP status of the answer
	 * @param errorCode the Twilio error code of the answer, or {@code null}
	 * @param statusCallback the {@code StatusCallback} field, or {@code null}
	 */
	public ReceivedMessage(long receivedAt, String to, String from, String body, String idempotencyKey, Outcome outcome,
			String sid, int httpStatus, Integer errorCode, String statusCallback) {
		this(receivedAt, to, from, body, idempotencyKey, outcome, sid, httpStatus, errorCode, statusCallback, null);
	}

	public boolean isAccepted() {
		return this.outcome == Outcome.ACCEPTED;
	}

}
