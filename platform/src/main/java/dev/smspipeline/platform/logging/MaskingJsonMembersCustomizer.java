package dev.smspipeline.platform.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The safety net of structured (JSON) logs: every string value of a log line (message,
 * MDC fields, exception message and stack trace) has its E.164-looking numbers masked by
 * {@link PhoneNumberMask#maskAll}, so a number that slipped into a carrier's message or
 * an exception never reaches the log store whole. Set as
 * {@code logging.structured.json.customizer} by the platform's defaults.
 */
public class MaskingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PhoneNumberMask::maskAll));
	}

}
