package dev.smspipeline.dispatch.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.MessageRequested;

/**
 * The {@code campaign_cancellation} table and this instance's copy of it in memory.
 *
 * <p>
 * The table is the record: a cancellation is honoured for texts that arrive after it
 * (campaign-service may still have some on their way), on every instance, across
 * restarts. The copy in memory answers the dispatcher's quick questions (is this text
 * cancelled, so it need not wait for its turn?); it is filled at start and refreshed
 * every {@code sms.consent.refresh-interval}, and each new cancellation is announced as
 * {@link CancellationsRecorded}. The decisive check is the submission flow's precheck,
 * which reads the table right before a carrier call. Rows older than
 * {@code sms.consent.retention} are deleted at start.
 */
@Component
public class Cancellations implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Cancellations.class);

	private static final String WHOLE_CAMPAIGN = "";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ConsentSettings settings;

	private final Clock clock;

	private final Set<String> canceledCampaigns = ConcurrentHashMap.newKeySet();

	private final Map<String, Set<String>> deletedLeads = new ConcurrentHashMap<>();

	private final ScheduledExecutorService refresher = Executors
		.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("cancellations-"));

	private long lastId;

	Cancellations(JdbcClient jdbc, ApplicationEventPublisher events, ConsentSettings settings) {
		this.jdbc = jdbc;
		this.events = events;
		this.settings = settings;
		this.clock = Clock.systemUTC();
	}

	@Override
	public void afterPropertiesSet() {
		int pruned = this.jdbc.sql("DELETE FROM campaign_cancellation WHERE recorded_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(this.settings.retention())))
			.update();
		if (pruned > 0) {
			log.info("Forgot {} cancellations older than {}", pruned, this.settings.retention());
		}
		refresh();
		long interval = this.settings.refreshInterval().toMillis();
		this.refresher.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
	}

	/**
	 * Records a cancellation (once: the event id and the campaign/recipient pair are
	 * unique) and refreshes this instance's copy at once.
	 * @param eventId the campaign event's id
	 * @param cancellation what is cancelled
	 */
	public void record(String eventId, Cancellation cancellation) {
		this.jdbc.sql("""
				INSERT INTO campaign_cancellation (campaign_id, recipient, reason_code, event_id, recorded_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(cancellation.campaignId(),
					(cancellation.recipient() != null) ? cancellation.recipient() : WHOLE_CAMPAIGN,
					cancellation.reasonCode(), eventId, Timestamp.from(this.clock.instant()))
			.update();
		refresh();
	}

	/**
	 * Whether a cancellation this instance knows of covers {@code request}.
	 * @param request a text
	 * @return the reason code, if cancelled
	 */
	public Optional<String> reasonFor(MessageRequested request) {
		String campaign = request.getCampaignId();
		if (campaign == null) {
			return Optional.empty();
		}
		if (this.canceledCampaigns.contains(campaign)) {
			return Optional.of(Cancellation.CAMPAIGN_CANCELED);
		}
		Set<String> deleted = this.deletedLeads.get(campaign);
		return (deleted != null && deleted.contains(request.getRecipient())) ? Optional.of(Cancellation.LEAD_DELETED)
				: Optional.empty();
	}

	/** Reads cancellations recorded since the last read and announces them. */
	public synchronized void refresh() {
		List<Row> rows = this.jdbc
			.sql("SELECT id, campaign_id, recipient, reason_code FROM campaign_cancellation WHERE id > ? ORDER BY id")
			.param(this.lastId)
			.query((row,
					number) -> new Row(row.getLong("id"),
							new Cancellation(row.getString("campaign_id"),
									WHOLE_CAMPAIGN.equals(row.getString("recipient")) ? null
											: row.getString("recipient"),
									row.getString("reason_code"))))
			.list();
		if (rows.isEmpty()) {
			return;
		}
		List<Cancellation> learnt = new ArrayList<>(rows.size());
		for (Row row : rows) {
			Cancellation cancellation = row.cancellation();
			if (cancellation.recipient() == null) {
				this.canceledCampaigns.add(cancellation.campaignId());
			}
			else {
				this.deletedLeads.computeIfAbsent(cancellation.campaignId(), (id) -> ConcurrentHashMap.newKeySet())
					.add(cancellation.recipient());
			}
			learnt.add(cancellation);
			this.lastId = Math.max(this.lastId, row.id());
		}
		this.events.publishEvent(new CancellationsRecorded(learnt));
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Cannot read cancellations: {}", ex.toString());
		}
	}

	private record Row(long id, Cancellation cancellation) {

	}

}
