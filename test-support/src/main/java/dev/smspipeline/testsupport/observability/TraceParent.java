package dev.smspipeline.testsupport.observability;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context as a test writes and reads it: a new sampled {@code traceparent}
 * (version 00), its trace id, and the header on a Kafka record.
 */
public final class TraceParent {

	/** The header's name, on HTTP requests and Kafka records. */
	public static final String HEADER = "traceparent";

	private TraceParent() {
	}

	/** A new, sampled {@code traceparent} with random trace and span ids. */
	public static String random() {
		byte[] trace = new byte[16];
		byte[] span = new byte[8];
		ThreadLocalRandom.current().nextBytes(trace);
		ThreadLocalRandom.current().nextBytes(span);
		return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
	}

	/** The trace id of a {@code traceparent}, or {@code null}. */
	public static String traceId(String traceparent) {
		if (traceparent == null) {
			return null;
		}
		String[] parts = traceparent.split("-");
		return (parts.length == 4) ? parts[1] : null;
	}

	/** The {@code traceparent} of a Kafka record, or {@code null}. */
	public static String of(Headers headers) {
		Header header = headers.lastHeader(HEADER);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
