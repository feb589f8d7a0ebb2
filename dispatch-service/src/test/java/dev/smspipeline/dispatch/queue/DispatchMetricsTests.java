package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
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
					"sms.dispatch.numbers.active", "sms.dispatch.carrier.in.flight", "sms.dispatch.partitions.paused");
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

	private double gauge(String name) {
		Meter meter = this.harness.meters.get(name).meter();
		return meter.measure().iterator().next().getValue();
	}

}
