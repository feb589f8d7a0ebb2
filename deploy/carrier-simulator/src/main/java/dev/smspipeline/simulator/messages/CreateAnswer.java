package dev.smspipeline.simulator.messages;

import dev.smspipeline.simulator.http.Json;
import dev.smspipeline.simulator.http.TwilioError;

/**
 * The simulator's answer to one create request, kept to answer repeats of its idempotency
 * key byte for byte.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param retryAfterSeconds the {@code Retry-After} header, or {@code null}
 * @param outcome what the simulator did
 * @param sid the created message's SID, or {@code null}
 * @param errorCode the Twilio error code, or {@code null}
 */
public record CreateAnswer(int status, byte[] body, Integer retryAfterSeconds, Outcome outcome, String sid,
		Integer errorCode) {

	static CreateAnswer of(TwilioError error) {
		Outcome outcome = (error.status() == 429) ? Outcome.RATE_LIMITED : Outcome.ERROR;
		return new CreateAnswer(error.status(), Json.write(error.toBody()), error.retryAfterSeconds(), outcome, null,
				error.code());
	}

	/**
	 * Whether a repeat of the idempotency key gets this answer again: yes for accepted
	 * messages and permanent refusals, no for rate limits and server errors, which a
	 * client is expected to retry.
	 * @return {@code true} when the answer is final
	 */
	boolean isFinal() {
		return this.status < 500 && this.status != 429 && this.status != 401;
	}

}
