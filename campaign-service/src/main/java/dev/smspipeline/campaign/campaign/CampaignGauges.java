package dev.smspipeline.campaign.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.CampaignStatus;

/**
 * {@code sms_campaigns{status}}: campaigns of every account by lifecycle status, one
 * series per status (0 when none is in it); {@code sms_campaign_texts_due{class="bulk"}}
 * and {@code sms_campaign_texts_due_oldest_age_seconds{class="bulk"}}: the campaign texts
 * due and still held here (the bulk queue in PostgreSQL), and how long the oldest has
 * been due. Two queries every {@code sms.campaigns.gauges.refresh-interval} (30 s); a
 * scrape reads the last values and never touches the database.
 */
@Component
class CampaignGauges {

	private static final Logger log = LoggerFactory.getLogger(CampaignGauges.class);

	private final JdbcClient jdbc;

	private final Map<CampaignStatus, AtomicLong> counts = new EnumMap<>(CampaignStatus.class);

	private final AtomicLong due = new AtomicLong();

	private final AtomicLong oldestDueAge = new AtomicLong();

	private final Clock clock;

	CampaignGauges(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("sms.campaign.texts.due", this.due, AtomicLong::get)
			.description("Campaign texts due and still held in campaign-service (the bulk queue)")
			.tag("class", "bulk")
			.register(meters);
		Gauge.builder("sms.campaign.texts.due.oldest.age", this.oldestDueAge, AtomicLong::get)
			.description("How long the oldest campaign text held in campaign-service has been due")
			.tag("class", "bulk")
			.baseUnit("seconds")
			.register(meters);
		for (CampaignStatus status : CampaignStatus.values()) {
			if (status == CampaignStatus.UNKNOWN) {
				continue;
			}
			AtomicLong count = new AtomicLong();
			this.counts.put(status, count);
			Gauge.builder("sms.campaigns", count, AtomicLong::get)
				.description("Campaigns of every account, by status")
				.tag("status", status.name())
				.register(meters);
		}
	}

	@Scheduled(fixedDelayString = "${sms.campaigns.gauges.refresh-interval:30s}", initialDelay = 0)
	void refresh() {
		try {
			Map<CampaignStatus, Long> now = new EnumMap<>(CampaignStatus.class);
			this.jdbc.sql("SELECT status, count(*) FROM campaign GROUP BY status").query((row) -> {
				CampaignStatus status = status(row.getString(1));
				if (status != null) {
					now.merge(status, row.getLong(2), Long::sum);
				}
			});
			this.counts.forEach((status, count) -> count.set(now.getOrDefault(status, 0L)));
			Instant at = this.clock.instant();
			this.jdbc.sql("""
					SELECT count(*), min(release_at) FROM campaign_message
					WHERE state = 'HELD' AND release_at <= ?""").param(CampaignStore.timestamp(at)).query((row) -> {
				this.due.set(row.getLong(1));
				Instant oldest = CampaignStore.instant(row, "min");
				this.oldestDueAge.set((oldest != null) ? Duration.between(oldest, at).toSeconds() : 0);
			});
		}
		catch (RuntimeException ex) {
			log.warn("Cannot refresh sms_campaigns; keeping the last counts: {}", ex.toString());
		}
	}

	private static CampaignStatus status(String name) {
		try {
			CampaignStatus status = CampaignStatus.valueOf(name);
			return (status != CampaignStatus.UNKNOWN) ? status : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
