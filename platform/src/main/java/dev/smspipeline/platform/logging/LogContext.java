package dev.smspipeline.platform.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.MDC;

/**
 * The text a thread is working on, in the logging MDC: {@value #MESSAGE_ID},
 * {@value #CAMPAIGN_ID} and {@value #ACCOUNT_ID} become fields of every structured (JSON)
 * log line written meanwhile, next to Micrometer Tracing's {@code traceId} and
 * {@code spanId}. Never a phone number or a body: those stay out of logs.
 *
 * <pre class="code">
 * try (LogContext.Scope scope = LogContext.text(messageId, campaignId, accountId)) {
 *     ...
 * }
 * </pre>
 */
public final class LogContext {

	/** MDC key of the message id. */
	public static final String MESSAGE_ID = "messageId";

	/** MDC key of the campaign id. */
	public static final String CAMPAIGN_ID = "campaignId";

	/** MDC key of the account id. */
	public static final String ACCOUNT_ID = "accountId";

	private static final Scope NOTHING = () -> {
	};

	private LogContext() {
	}

	/**
	 * Puts a text's ids into the MDC until the scope is closed; {@code null} ids are left
	 * out. Closing restores what the keys held before, so scopes nest.
	 * @param messageId the message id
	 * @param campaignId the campaign id
	 * @param accountId the account id
	 * @return the scope to close
	 */
	public static Scope text(CharSequence messageId, CharSequence campaignId, CharSequence accountId) {
		Map<String, CharSequence> values = new LinkedHashMap<>();
		values.put(MESSAGE_ID, messageId);
		values.put(CAMPAIGN_ID, campaignId);
		values.put(ACCOUNT_ID, accountId);
		return put(values);
	}

	/**
	 * Puts a campaign's ids into the MDC until the scope is closed.
	 * @param campaignId the campaign id
	 * @param accountId the account id
	 * @return the scope to close
	 */
	public static Scope campaign(CharSequence campaignId, CharSequence accountId) {
		return text(null, campaignId, accountId);
	}

	/**
	 * Puts an account id into the MDC until the scope is closed.
	 * @param accountId the account id
	 * @return the scope to close
	 */
	public static Scope account(CharSequence accountId) {
		return text(null, null, accountId);
	}

	private static Scope put(Map<String, CharSequence> values) {
		Map<String, String> previous = new LinkedHashMap<>();
		values.forEach((key, value) -> {
			if (value != null && !value.isEmpty()) {
				previous.put(key, MDC.get(key));
				MDC.put(key, value.toString());
			}
		});
		if (previous.isEmpty()) {
			return NOTHING;
		}
		return () -> previous.forEach((key, value) -> {
			if (value != null) {
				MDC.put(key, value);
			}
			else {
				MDC.remove(key);
			}
		});
	}

	/** Ends a {@link LogContext}: restores the MDC keys it set. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
