package dev.smspipeline.campaign.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.platform.kafka.KafkaTelemetry;
import dev.smspipeline.platform.observability.TraceContexts;

/**
 * Publishes the {@code outbox} table to Kafka, exactly once per record for
 * {@code read_committed} consumers (see {@link RelaySession} for how), in batches of
 * {@code sms.campaigns.outbox.batch-size} per Kafka transaction, oldest first.
 *
 * <p>
 * Every instance runs one relay thread, but only the one whose session holds the
 * PostgreSQL advisory lock publishes; the others try again every
 * {@code standby-interval}, so a crashed relay is replaced within that time. A failure
 * closes the session (releasing the lock) and opens a new one after
 * {@code error-backoff}, which recovers the batch that was in flight.
 *
 * <p>
 * Each record is published in a producer span of its own, a child of the trace of the
 * request that wrote it (or a new trace), whose {@code traceparent} goes in the record's
 * headers; the relay's producer reports Kafka client metrics while its session lives.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final Map<String, Object> kafkaConfig;

	private final OutboxSettings settings;

	private final OutboxSignal signal;

	private final Counter published;

	private final KafkaTelemetry telemetry;

	private final TraceContexts traces;

	private volatile boolean running;

	private Thread thread;

	OutboxRelay(DataSource dataSource, TransactionTemplate transactions, ProducerFactory<?, ?> producers,
			OutboxSettings settings, OutboxSignal signal, MeterRegistry meters, KafkaTelemetry telemetry,
			TraceContexts traces) {
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.kafkaConfig = Map.copyOf(producers.getConfigurationProperties());
		this.settings = settings;
		this.signal = signal;
		this.telemetry = telemetry;
		this.traces = traces;
		this.published = Counter.builder("sms.campaign.outbox.published")
			.description("Records the outbox relay published to Kafka")
			.register(meters);
	}

	/** Opens a session if no other instance holds one (for tests of crash recovery). */
	Optional<RelaySession> openSession() throws java.sql.SQLException {
		return RelaySession.tryOpen(this.dataSource, this.transactions, this.kafkaConfig, this.settings, this.telemetry,
				this.traces);
	}

	@Override
	public synchronized void start() {
		if (this.running || !this.settings.enabled()) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::relay, "outbox-relay");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.signal.nudge();
		try {
			this.thread.join(Duration.ofSeconds(15).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops after the web server and the schedulers, so their last commits go out.
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

	private void linger() {
		if (this.settings.linger().isZero()) {
			return;
		}
		try {
			Thread.sleep(this.settings.linger().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void relay() {
		RelaySession session = null;
		while (this.running) {
			try {
				if (session == null) {
					session = openSession().orElse(null);
					if (session == null) {
						this.signal.await(this.settings.standbyInterval());
						continue;
					}
					log.info("This instance relays the outbox");
				}
				int count = session.relayOnce(this.settings.batchSize());
				this.published.increment(count);
				if (count > 0 && count < this.settings.batchSize()) {
					linger();
				}
				else if (count == 0) {
					if (!session.holdsLock()) {
						log.warn("Lost the outbox relay lock; standing by");
						session.close();
						session = null;
						continue;
					}
					this.signal.await(this.settings.pollInterval());
				}
			}
			catch (Exception ex) {
				log.warn("Outbox relay failed; retrying in {}: {}", this.settings.errorBackoff(), ex.toString());
				if (session != null) {
					session.close();
					session = null;
				}
				this.signal.await(this.settings.errorBackoff());
			}
		}
		if (session != null) {
			session.close();
		}
	}

}
