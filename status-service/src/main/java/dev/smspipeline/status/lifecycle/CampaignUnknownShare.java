package dev.smspipeline.status.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code sms_campaign_unknown_share_max}: the highest share (0..1) of DELIVERY_UNKNOWN
 * texts among the campaigns completed in the last 24 hours, 0 when none completed. A
 * rising share means a carrier (or its callbacks) went quiet. One query over the
 * completed campaigns' counters every {@code sms.status.unknown-share.interval} (60 s); a
 * scrape reads the last value and never touches the database.
 */
@Component
class CampaignUnknownShare {

	private static final Logger log = LoggerFactory.getLogger(CampaignUnknownShare.class);

	private static final Duration WINDOW = Duration.ofHours(24);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtomicReference<Double> share = new AtomicReference<>(0.0);

	CampaignUnknownShare(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("sms.campaign.unknown.share.max", this.share, AtomicReference::get)
			.description("Highest share of DELIVERY_UNKNOWN texts among campaigns completed in the last 24 h")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${sms.status.unknown-share.interval:60s}", initialDelay = 0)
	void refresh() {
		try {
			Double highest = this.jdbc.sql("""
					SELECT COALESCE(MAX(delivery_unknown::float8
					    / NULLIF(in_queue + outbox + delivered + error + delivery_unknown + canceled + deleted, 0)), 0)
					FROM campaign_counters
					WHERE completed_at >= ?
					""")
				.param(OffsetDateTime.ofInstant(this.clock.instant().minus(WINDOW), ZoneOffset.UTC))
				.query(Double.class)
				.single();
			this.share.set((highest != null) ? highest : 0.0);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot refresh sms_campaign_unknown_share_max; keeping the last value: {}", ex.toString());
		}
	}

}
