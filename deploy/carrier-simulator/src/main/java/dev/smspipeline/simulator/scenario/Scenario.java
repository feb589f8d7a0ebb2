package dev.smspipeline.simulator.scenario;

/**
 * What the carrier does with messages to one group of numbers. Every field is optional in
 * a scenario file; {@code null} takes the default.
 *
 * @param name a label for logs and documentation
 * @param refuseStatus when set, every create is refused with this HTTP status
 * @param refuseCode the Twilio error code of the refusal (default 21614)
 * @param refuseMessage the message of the refusal (default: Twilio's for the code)
 * @param rateLimitFirstCreateSeconds when over 0, the first create for each number is
 * answered 429 with this {@code Retry-After}; later ones are accepted
 * @param failFirstCreates when over 0, the first that many creates of each message are
 * answered HTTP 500 (a message is identified by its idempotency key, else by To and Body)
 * @param finalStatus what the last callback says (default delivered)
 * @param errorCode the {@code ErrorCode} of an undelivered or failed message
 * @param errorMessage its {@code ErrorMessage} (default: Twilio's for the code)
 * @param sentAfterMillis when the {@code sent} callback is due, after the accept (default
 * 20)
 * @param finalAfterMillis when the final callback is due, after the accept (default 80)
 * @param duplicateCallbacks post every callback twice, newest status first
 */
public record Scenario(String name, Integer refuseStatus, Integer refuseCode, String refuseMessage,
		Integer rateLimitFirstCreateSeconds, Integer failFirstCreates, FinalStatus finalStatus, Integer errorCode,
		String errorMessage, Long sentAfterMillis, Long finalAfterMillis, Boolean duplicateCallbacks) {

	/** Default delay of the {@code sent} callback. */
	public static final long DEFAULT_SENT_AFTER_MILLIS = 20;

	/** Default delay of the final callback. */
	public static final long DEFAULT_FINAL_AFTER_MILLIS = 80;

	public Scenario {
		if (refuseStatus != null) {
			if (refuseStatus < 400 || refuseStatus > 599) {
				throw new IllegalArgumentException("refuseStatus must be a 4xx or 5xx status: " + refuseStatus);
			}
			refuseCode = (refuseCode != null) ? refuseCode : 21614;
			refuseMessage = (refuseMessage != null) ? refuseMessage : ErrorCodes.message(refuseCode);
		}
		rateLimitFirstCreateSeconds = nonNegative("rateLimitFirstCreateSeconds", rateLimitFirstCreateSeconds);
		failFirstCreates = nonNegative("failFirstCreates", failFirstCreates);
		finalStatus = (finalStatus != null) ? finalStatus : FinalStatus.DELIVERED;
		if (finalStatus.isError()) {
			errorCode = (errorCode != null) ? errorCode : 30008;
			errorMessage = (errorMessage != null) ? errorMessage : ErrorCodes.message(errorCode);
		}
		sentAfterMillis = (sentAfterMillis != null) ? sentAfterMillis : DEFAULT_SENT_AFTER_MILLIS;
		finalAfterMillis = (finalAfterMillis != null) ? finalAfterMillis
				: Math.max(sentAfterMillis, DEFAULT_FINAL_AFTER_MILLIS);
		if (sentAfterMillis < 0 || finalAfterMillis < sentAfterMillis) {
			throw new IllegalArgumentException("need 0 <= sentAfterMillis <= finalAfterMillis, got " + sentAfterMillis
					+ " and " + finalAfterMillis);
		}
		duplicateCallbacks = duplicateCallbacks != null && duplicateCallbacks;
		name = (name != null) ? name : describe(refuseStatus, refuseCode, finalStatus, errorCode);
	}

	/**
	 * Messages are accepted and delivered: callbacks sent, then delivered, within 100 ms.
	 * @return the default scenario
	 */
	public static Scenario delivered() {
		return new Scenario("delivered", null, null, null, null, null, FinalStatus.DELIVERED, null, null, null, null,
				null);
	}

	/**
	 * Every create is refused.
	 * @param name the label
	 * @param status the HTTP status
	 * @param code the Twilio error code
	 * @return the scenario
	 */
	public static Scenario refused(String name, int status, int code) {
		return new Scenario(name, status, code, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * Accepted, then a final error status.
	 * @param name the label
	 * @param status undelivered or failed
	 * @param code the error code
	 * @return the scenario
	 */
	public static Scenario failing(String name, FinalStatus status, int code) {
		return new Scenario(name, null, null, null, null, null, status, code, null, null, null, null);
	}

	public Scenario withName(String name) {
		return new Scenario(name, this.refuseStatus, this.refuseCode, this.refuseMessage,
				this.rateLimitFirstCreateSeconds, this.failFirstCreates, this.finalStatus, this.errorCode,
				this.errorMessage, this.sentAfterMillis, this.finalAfterMillis, this.duplicateCallbacks);
	}

	public Scenario withFinalAfterMillis(long millis) {
		return new Scenario(this.name, this.refuseStatus, this.refuseCode, this.refuseMessage,
				this.rateLimitFirstCreateSeconds, this.failFirstCreates, this.finalStatus, this.errorCode,
				this.errorMessage, Math.min(this.sentAfterMillis, millis), millis, this.duplicateCallbacks);
	}

	public Scenario withRateLimitFirstCreateSeconds(int seconds) {
		return new Scenario(this.name, this.refuseStatus, this.refuseCode, this.refuseMessage, seconds,
				this.failFirstCreates, this.finalStatus, this.errorCode, this.errorMessage, this.sentAfterMillis,
				this.finalAfterMillis, this.duplicateCallbacks);
	}

	public Scenario withFailFirstCreates(int creates) {
		return new Scenario(this.name, this.refuseStatus, this.refuseCode, this.refuseMessage,
				this.rateLimitFirstCreateSeconds, creates, this.finalStatus, this.errorCode, this.errorMessage,
				this.sentAfterMillis, this.finalAfterMillis, this.duplicateCallbacks);
	}

	public Scenario withDuplicateCallbacks(boolean duplicate) {
		return new Scenario(this.name, this.refuseStatus, this.refuseCode, this.refuseMessage,
				this.rateLimitFirstCreateSeconds, this.failFirstCreates, this.finalStatus, this.errorCode,
				this.errorMessage, this.sentAfterMillis, this.finalAfterMillis, duplicate);
	}

	/**
	 * Whether creates are refused outright.
	 * @return {@code true} when {@link #refuseStatus()} is set
	 */
	public boolean refuses() {
		return this.refuseStatus != null;
	}

	private static Integer nonNegative(String field, Integer value) {
		if (value == null) {
			return 0;
		}
		if (value < 0) {
			throw new IllegalArgumentException(field + " must not be negative: " + value);
		}
		return value;
	}

	private static String describe(Integer refuseStatus, Integer refuseCode, FinalStatus finalStatus,
			Integer errorCode) {
		if (refuseStatus != null) {
			return "refused " + refuseStatus + "/" + refuseCode;
		}
		String status = finalStatus.name().toLowerCase(java.util.Locale.ROOT);
		return (errorCode != null) ? status + " " + errorCode : status;
	}

}
