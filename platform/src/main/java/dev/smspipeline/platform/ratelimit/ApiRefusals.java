package dev.smspipeline.platform.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code sms_api_refused_total{reason}}: API calls answered 429 so that one account does
 * not take a shared resource from the others. The reasons are a closed set (no account
 * tag: the refused account is in the log line and the answer).
 */
public class ApiRefusals {

	/** The counter's name. */
	public static final String NAME = "sms.api.refused";

	private final Counter rate;

	private final Counter uploads;

	public ApiRefusals(MeterRegistry meters) {
		this.rate = counter(meters, Reason.RATE);
		this.uploads = counter(meters, Reason.UPLOADS);
	}

	/**
	 * Counts one refused call.
	 * @param reason why
	 */
	public void count(Reason reason) {
		(switch (reason) {
			case RATE -> this.rate;
			case UPLOADS -> this.uploads;
		}).increment();
	}

	private static Counter counter(MeterRegistry meters, Reason reason) {
		return Counter.builder(NAME)
			.description("API calls refused with 429 to protect other accounts, by reason")
			.tag("reason", reason.tag())
			.register(meters);
	}

	/** Why a call was refused. */
	public enum Reason {

		/** The account's request rate ({@code sms.rate-limit}). */
		RATE("rate"),

		/** The account already had as many uploads in progress as it may. */
		UPLOADS("uploads");

		private final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

		/** The value of the {@code reason} tag. */
		public String tag() {
			return this.tag;
		}

	}

}
