package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.smspipeline.events.TrafficClass;

/**
 * Every meter of dispatch's queue, under the names the dashboards and alerts use. Gauges
 * read values the other parts publish here (under their lock), so a scrape never takes
 * the lock.
 *
 * <p>
 * Per traffic class (tag {@code class} = {@code transactional} | {@code bulk}):
 * {@code sms.dispatch.queued} (texts queued in the lanes, in flight included),
 * {@code sms.dispatch.due.oldest.age} (seconds the longest-waiting due head has been due)
 * and {@code sms.dispatch.wait} (requestedAt to the carrier's acceptance, with histogram
 * buckets for p50/p99: the {@code TransactionalWaitHigh} alert watches it).
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

	/** Request-to-acceptance buckets, with 2 s (the transactional alert) among them. */
	private static final Duration[] WAIT_BUCKETS = { Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofSeconds(3),
			Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
			Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
			Duration.ofHours(1) };

	private final Map<TrafficClass, Timer> waits = new EnumMap<>(TrafficClass.class);

	private final Map<TrafficClass, ByClass> byClass = new EnumMap<>(TrafficClass.class);

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
		for (TrafficClass trafficClass : TrafficClass.values()) {
			String tag = tag(trafficClass);
			ByClass values = new ByClass();
			this.byClass.put(trafficClass, values);
			Gauge.builder("sms.dispatch.queued", values, (v) -> v.queued)
				.description("Texts queued in dispatch's memory (in flight included), by traffic class")
				.tag("class", tag)
				.register(meters);
			Gauge.builder("sms.dispatch.due.oldest.age", values, (v) -> v.oldestDueSeconds)
				.description("How long the longest-waiting due text has been due (waiting only for a worker)")
				.tag("class", tag)
				.baseUnit("seconds")
				.register(meters);
			this.waits.put(trafficClass, Timer.builder("sms.dispatch.wait")
				.description("Time from a text's requestedAt to the carrier's acceptance of it, by traffic class")
				.tag("class", tag)
				.serviceLevelObjectives(WAIT_BUCKETS)
				.register(meters));
		}
	}

	/** The {@code class} tag of {@code trafficClass}. */
	static String tag(TrafficClass trafficClass) {
		return trafficClass.name().toLowerCase(Locale.ROOT);
	}

	/** A text was taken from a record. */
	void taken() {
		this.taken.increment();
	}

	/** A text's first carrier attempt started {@code delay} after it was taken. */
	void firstAttemptAfter(Duration delay) {
		this.throttleDelay.record(delay);
	}

	/**
	 * The carrier accepted a text of {@code trafficClass} {@code delay} after it was
	 * requested.
	 */
	void submittedAfter(TrafficClass trafficClass, Duration delay) {
		this.requestToSubmission.record(delay);
		this.waits.get(trafficClass).record(delay);
	}

	/** The texts queued in the lanes per class. */
	void queued(int transactional, int bulk) {
		this.byClass.get(TrafficClass.TRANSACTIONAL).queued = transactional;
		this.byClass.get(TrafficClass.BULK).queued = bulk;
	}

	/** How long the oldest due head of {@code trafficClass} has been due. */
	void oldestDue(TrafficClass trafficClass, Duration age) {
		this.byClass.get(trafficClass).oldestDueSeconds = age.toNanos() / 1e9;
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

	/** What the per-class gauges read. */
	private static final class ByClass {

		private volatile int queued;

		private volatile double oldestDueSeconds;

	}

}
