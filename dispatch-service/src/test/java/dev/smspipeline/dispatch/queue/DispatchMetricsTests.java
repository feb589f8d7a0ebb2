package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.BOB;
import static dev.smspipeline.dispatch.queue.DispatchHarness.bulk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters keep the names the dashboards and alerts use, and show what dispatch holds.
 */
class DispatchMetricsTests {

	private final DispatchHarness harness = new DispatchHarness();

	@Test
	void registersTheMetersDashboardsUse() {
		assertThat(this.harness.meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.contains("sms.dispatch.taken", "sms.dispatch.throttle.delay", "sms.request.to.submission",
					"sms.dispatch.records.buffered", "sms.dispatch.records.parked", "sms.dispatch.numbers.held",
					"sms.dispatch.numbers.active", "sms.dispatch.carrier.in.flight", "sms.dispatch.partitions.paused",
					"sms.dispatch.queued", "sms.dispatch.due.oldest.age", "sms.dispatch.wait");
	}

	@Test
	void showsTheTextsQueuedPerClass() {
		this.harness.workers.hold();
		this.harness.take(ADA, "t1");
		this.harness.take(bulk(ADA, "b1").build());
		this.harness.take(bulk(BOB, "b2").build());

		this.harness.round();

		assertThat(gauge("sms.dispatch.queued", "transactional")).isEqualTo(1);
		assertThat(gauge("sms.dispatch.queued", "bulk")).isEqualTo(2);
	}

	@Test
	void measuresTheWaitFromRequestToTheCarriersAcceptancePerClass() {
		this.harness.clock.advance(Duration.ofSeconds(4));
		this.harness.take(bulk(ADA, "b1").build());

		this.harness.round();

		assertThat(
				this.harness.meters.get("sms.dispatch.wait").tag("class", "bulk").timer().totalTime(TimeUnit.SECONDS))
			.isEqualTo(5);
		assertThat(this.harness.meters.get("sms.dispatch.wait").tag("class", "transactional").timer().count()).isZero();
	}

	@Test
	void showsHowLongTheOldestDueTextWaitedForAWorker() {
		DispatchHarness narrow = new DispatchHarness(50, 20_000, 1, new IntakeRetry(3, Duration.ofSeconds(2)));
		narrow.workers.hold();
		narrow.take(ADA, "t1");
		narrow.take(BOB, "t2");
		narrow.round();

		narrow.after(Duration.ofSeconds(3));

		Meter meter = narrow.meters.get("sms.dispatch.due.oldest.age").tag("class", "transactional").meter();
		assertThat(meter.measure().iterator().next().getValue()).isEqualTo(3);
	}

	@Test
	void showsTheTextsInMemoryAndTheAttemptsInFlight() {
		this.harness.workers.hold();
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");

		this.harness.round();

		assertThat(gauge("sms.dispatch.records.buffered")).isEqualTo(2);
		assertThat(gauge("sms.dispatch.carrier.in.flight")).isEqualTo(1);
		assertThat(gauge("sms.dispatch.numbers.active")).isEqualTo(1);
	}

	@Test
	void measuresTheTimeFromRequestToTheCarriersAcceptance() {
		this.harness.clock.advance(Duration.ofSeconds(4));
		this.harness.take(ADA, "m1");

		this.harness.round();

		assertThat(this.harness.meters.get("sms.request.to.submission").timer().totalTime(TimeUnit.SECONDS))
			.isEqualTo(5);
	}

	private double gauge(String name, String trafficClass) {
		Meter meter = this.harness.meters.get(name).tag("class", trafficClass).meter();
		return meter.measure().iterator().next().getValue();
	}

	private double gauge(String name) {
		Meter meter = this.harness.meters.get(name).meter();
		return meter.measure().iterator().next().getValue();
	}

}
