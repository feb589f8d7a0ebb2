package dev.smspipeline.platform.observability;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * W3C trace context across a hop that no observation covers: a record written to a
 * database table now and published later by another thread (the outbox). The writer keeps
 * {@link #current()}; the publisher {@link #startProducerSpan starts a producer span} as
 * its child (or a new trace when there was none) and writes the span's
 * {@code traceparent} into the record's headers, where the consumer's observation picks
 * it up.
 */
public class TraceContexts {

	/** The W3C header, and the key {@link #current()} reads. */
	public static final String TRACEPARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	public TraceContexts(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Without tracing: keeps nothing, starts no-op spans. */
	public static TraceContexts noop() {
		return new TraceContexts(Tracer.NOOP, Propagator.NOOP);
	}

	/**
	 * The current span's context as a W3C {@code traceparent} value.
	 * @return the value, or {@code null} when nothing is traced here
	 */
	public String current() {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Starts a producer span and writes its context into a record's headers.
	 * @param name the span's name
	 * @param parent a {@code traceparent} kept by {@link #current()}, or {@code null} to
	 * start a new trace
	 * @param headers writes one header (name, value)
	 * @return the span, to {@link Span#end() end} once the record is sent
	 */
	public Span startProducerSpan(String name, String parent, BiConsumer<String, String> headers) {
		Map<String, String> carrier = (parent != null) ? Map.of(TRACEPARENT, parent) : Map.of();
		Span span = this.propagator.extract(carrier, Map::get).name(name).kind(Span.Kind.PRODUCER).start();
		this.propagator.inject(span.context(), headers, BiConsumer::accept);
		return span;
	}

}
