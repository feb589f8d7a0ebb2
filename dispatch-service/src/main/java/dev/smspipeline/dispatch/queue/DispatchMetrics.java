package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Every meter of dispatch's queue, under the names the dashboards and alerts use. Gauges
 * read values the other parts publish here (under their lock), so a scrape never takes
 * the lock.
 */
final class DispatchMetrics {

	private final Counter taken;

	private final Timer throttleDelay;

	private final Timer requestToSubmission;

	private volatile int buffered;

	private volatile long parked;

	private volatile int held;

	private volatile int inFlight;

	private volatile int lanes;

	DispatchMetrics(MeterRegistry meters, IntakeGate gate) {
		this.taken = Counter.builder("sms.dispatch.taken")
			.description("Requested texts taken from sms.message-requested")
			.register(meters);
		// Histogram buckets: management.metrics.distribution.slo.* in application.yml.
		this.throttleDelay = Timer.builder("sms.dispatch.throttle.delay")
			.description("Time from taking a text to its first carrier attempt: pacing, holds and the queue")
			.register(meters);
		this.requestToSubmission = Timer.builder("sms.request.to.submission")
			.description("Time from a text's requestedAt to the carrier's acceptance of it")
			.register(meters);
		Gauge.builder("sms.dispatch.records.buffered", this, (m) -> m.buffered)
			.description("Texts in memory: queued per number, in flight, being parked")
			.register(meters);
		Gauge.builder("sms.dispatch.records.parked", this, (m) -> m.parked)
			.description("Texts parked in the database for the numbers this instance serves")
			.register(meters);
		Gauge.builder("sms.dispatch.numbers.held", this, (m) -> m.held)
			.description("Numbers (or sender/number pairs) the carrier holds after a rate-limit answer")
			.register(meters);
		Gauge.builder("sms.dispatch.numbers.active", this, (m) -> m.lanes)
			.description("Numbers with texts in dispatch")
			.register(meters);
		Gauge.builder("sms.dispatch.carrier.in.flight", this, (m) -> m.inFlight)
			.description("Attempts (carrier calls) in flight")
			.register(meters);
		Gauge.builder("sms.dispatch.partitions.paused", gate, IntakeGate::pausedPartitions)
			.description("Partitions of sms.message-requested paused because memory is full")
			.register(meters);
	}

	/** A text was taken from a record. */
	void taken() {
		this.taken.increment();
	}

	/** A text's first carrier attempt started {@code delay} after it was taken. */
	void firstAttemptAfter(Duration delay) {
		this.throttleDelay.record(delay);
	}

	/** The carrier accepted a text {@code delay} after it was requested. */
	void submittedAfter(Duration delay) {
		this.requestToSubmission.record(delay);
	}

	/** The texts in memory and parked, and the numbers in dispatch. */
	void memory(int buffered, long parked, int lanes) {
		this.buffered = buffered;
		this.parked = parked;
		this.lanes = lanes;
	}

	void lanes(int lanes) {
		this.lanes = lanes;
	}

	void inFlight(int inFlight) {
		this.inFlight = inFlight;
	}

	void held(int held) {
		this.held = held;
	}

	/** Texts in memory (queued, in flight, being parked), as last published. */
	int buffered() {
		return this.buffered;
	}

	/** Parked texts of the numbers this instance serves, as last published. */
	long parked() {
		return this.parked;
	}

}
