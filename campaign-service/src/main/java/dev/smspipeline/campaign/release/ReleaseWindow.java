package dev.smspipeline.campaign.release;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.campaign.CampaignTexts;

/**
 * How many more campaign texts may go to dispatch now: bulk flow control.
 * <p>
 * The window is {@code horizon} of dispatch's measured throughput ({@link ReleasePace},
 * texts settled per second over the last {@code pace-span}), at least {@code min-window}
 * and at most {@code max-window}. What may be released is the window less the texts
 * already in Kafka or dispatch ({@link CampaignTexts#inDispatch}, those released within
 * {@code stale-after}). The window opens itself: as long as the horizon is longer than a
 * text's round trip (release, outbox, Kafka, dispatch, carrier, its status back here), a
 * full window settles faster than the horizon, the measured rate rises and the window
 * with it, until the carrier is the limit. Kafka then holds seconds of bulk texts, never
 * hours, so a transactional text never queues behind a campaign, and the rest stays in
 * PostgreSQL, where cancel ends it with one statement.
 * <p>
 * Every instance counts the same texts in the same database, so several instances share
 * one window; two rounds racing may overshoot it by one round's worth each.
 */
@Component
class ReleaseWindow {

	private final CampaignTexts texts;

	private final ReleasePace pace;

	private final ReleaseSettings settings;

	private final Clock clock;

	private final AtomicLong size = new AtomicLong();

	private final AtomicLong inDispatch = new AtomicLong();

	private volatile Instant purgedAt = Instant.MIN;

	ReleaseWindow(CampaignTexts texts, ReleasePace pace, ReleaseSettings settings, Clock clock, MeterRegistry meters) {
		this.texts = texts;
		this.pace = pace;
		this.settings = settings;
		this.clock = clock;
		Gauge.builder("sms.campaign.release.window", this.size, AtomicLong::get)
			.description("Campaign texts that may be in Kafka or dispatch at once (bulk flow control)")
			.register(meters);
		Gauge.builder("sms.campaign.texts.in.dispatch", this.inDispatch, AtomicLong::get)
			.description("Campaign texts released to dispatch and not yet submitted or ended")
			.tag("class", "bulk")
			.register(meters);
	}

	/**
	 * Texts that may be released now.
	 * @return zero or more
	 */
	int open() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.purgedAt.plus(ReleasePace.KEPT))) {
			this.pace.purge(now);
			this.purgedAt = now;
		}
		double rate = this.pace.perSecond(now, this.settings.paceSpan());
		long window = Math.round(rate * this.settings.horizon().toMillis() / 1000.0);
		window = Math.max(this.settings.minWindow(), Math.min(this.settings.maxWindow(), window));
		int released = this.texts.inDispatch(now.minus(this.settings.staleAfter()));
		this.size.set(window);
		this.inDispatch.set(released);
		return (int) Math.max(0, window - released);
	}

}
