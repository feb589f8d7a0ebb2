package dev.smspipeline.campaign.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.platform.kafka.KafkaTelemetry;
import dev.smspipeline.platform.kafka.RecordSerializer;
import dev.smspipeline.platform.observability.TraceContexts;

/**
 * One term of one instance as the outbox relay. At most one session is open at a time
 * across every instance: it holds a PostgreSQL advisory lock on its own connection for as
 * long as it lives (a crashed instance's lock goes with its connection).
 *
 * <p>
 * <b>Exactly once.</b> A batch is published in three steps:
 * <ol>
 * <li>{@link #claim}: the batch's rows get a new batch id, committed to the
 * database;</li>
 * <li>{@link #publish}: one Kafka transaction holds the batch's records and a marker
 * record carrying the batch id on the marker topic;</li>
 * <li>{@link #complete}: the batch's rows are deleted.</li>
 * </ol>
 * A session that opens first calls {@code initTransactions()} with the one relay
 * {@code transactional.id}: the broker aborts whatever transaction a dead (or stale)
 * relay left open and fences that producer. It then reads the last committed marker
 * ({@link #recover}): rows of that batch were published and are deleted; rows of any
 * other in-flight batch were not (their transaction aborted) and are released to be
 * published again. So a crash at any point publishes each record once as seen by
 * {@code read_committed} consumers, and the database never loses one.
 */
final class RelaySession implements AutoCloseable {

	/** The advisory lock key of the relay ("outbox" in ASCII). */
	static final long LOCK_KEY = 0x6f7574626f78L;

	private static final Logger log = LoggerFactory.getLogger(RelaySession.class);

	private static final String MARKER_KEY = "relay";

	private static final int MARKER_TAIL = 64;

	private final Connection lock;

	private final Producer<String, Object> producer;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Map<String, Object> kafkaConfig;

	private final OutboxSettings settings;

	private final AutoCloseable producerMetrics;

	private final TraceContexts traces;

	private RelaySession(Connection lock, Producer<String, Object> producer, JdbcTemplate jdbc,
			TransactionTemplate transactions, Map<String, Object> kafkaConfig, OutboxSettings settings,
			AutoCloseable producerMetrics, TraceContexts traces) {
		this.lock = lock;
		this.producer = producer;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafkaConfig = kafkaConfig;
		this.settings = settings;
		this.producerMetrics = producerMetrics;
		this.traces = traces;
	}

	/**
	 * Becomes the relay if no other session is open anywhere: takes the lock, fences any
	 * stale producer and recovers the in-flight batch.
	 * @param dataSource the service's database
	 * @param transactions transactions on it
	 * @param kafkaConfig the service's producer configuration (bootstrap servers,
	 * registry URL, security)
	 * @param settings the relay settings
	 * @param telemetry binds the relay producer's client metrics
	 * @param traces starts the producer span of each record
	 * @return the session, or empty when another instance relays
	 * @throws SQLException when the database cannot be reached
	 */
	static Optional<RelaySession> tryOpen(DataSource dataSource, TransactionTemplate transactions,
			Map<String, Object> kafkaConfig, OutboxSettings settings, KafkaTelemetry telemetry, TraceContexts traces)
			throws SQLException {
		Connection lock = dataSource.getConnection();
		try {
			lock.setAutoCommit(true);
			if (!tryLock(lock)) {
				lock.close();
				return Optional.empty();
			}
			Producer<String, Object> producer = new KafkaProducer<>(producerConfig(kafkaConfig, settings));
			RelaySession session = new RelaySession(lock, producer, new JdbcTemplate(dataSource), transactions,
					kafkaConfig, settings, telemetry.bind(producer), traces);
			try {
				producer.initTransactions();
				session.recover();
			}
			catch (RuntimeException ex) {
				session.close();
				throw ex;
			}
			return Optional.of(session);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(lock);
			throw ex;
		}
	}

	/**
	 * Publishes one batch of at most {@code limit} records.
	 * @param limit the most records
	 * @return how many were published
	 */
	int relayOnce(int limit) {
		Batch batch = claim(limit);
		if (batch.rows().isEmpty()) {
			return 0;
		}
		publish(batch);
		complete(batch);
		return batch.rows().size();
	}

	/**
	 * Claims the oldest unpublished rows (parameters: batch id, limit). The rows are
	 * chosen once, in an {@code ARRAY(...)} sub-select that PostgreSQL runs as an init
	 * plan: with {@code seq IN (SELECT ... LIMIT ...)} the plan the server caches after
	 * an idle outbox re-ran the locking sub-select for every row and ignored the limit,
	 * stalling the relay for minutes once a backlog of tens of thousands built up.
	 */
	static final String CLAIM = """
			UPDATE outbox SET batch_id = ?
			WHERE seq = ANY (ARRAY(
			    SELECT seq FROM outbox WHERE batch_id IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED))
			RETURNING seq, topic, record_key, record_type, payload, trace_parent
			""";

	/**
	 * Step 1: gives the oldest unpublished rows a new batch id, committed.
	 * @param limit the most rows
	 * @return the batch, possibly empty
	 */
	Batch claim(int limit) {
		UUID id = UUID.randomUUID();
		List<Row> rows = this.transactions
			.execute((status) -> this.jdbc.query(CLAIM, (row, n) -> new Row(row.getLong(1), row.getString(2),
					row.getString(3), row.getString(4), row.getBytes(5), row.getString(6)), id, limit));
		List<Row> ordered = new ArrayList<>((rows != null) ? rows : List.of());
		ordered.sort(Comparator.comparingLong(Row::seq));
		return new Batch(id, ordered);
	}

	/**
	 * Step 2: publishes the batch and its marker in one Kafka transaction.
	 * @param batch a claimed batch
	 */
	void publish(Batch batch) {
		List<Span> spans = new ArrayList<>(batch.rows().size());
		this.producer.beginTransaction();
		try {
			for (Row row : batch.rows()) {
				ProducerRecord<String, Object> record = new ProducerRecord<>(row.topic(), row.key(),
						OutboxRecords.decode(row.type(), row.payload()));
				spans.add(this.traces.startProducerSpan(row.topic() + " send", row.traceParent(),
						(name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8))));
				this.producer.send(record);
			}
			this.producer.send(new ProducerRecord<>(this.settings.markerTopic(), 0, MARKER_KEY, batch.id().toString()));
			this.producer.commitTransaction();
		}
		catch (ProducerFencedException ex) {
			spans.forEach((span) -> span.error(ex));
			throw ex;
		}
		catch (KafkaException ex) {
			spans.forEach((span) -> span.error(ex));
			abortQuietly();
			throw ex;
		}
		finally {
			spans.forEach(Span::end);
		}
	}

	/**
	 * Step 3: deletes the published rows.
	 * @param batch a published batch
	 */
	void complete(Batch batch) {
		this.jdbc.update("DELETE FROM outbox WHERE batch_id = ?", batch.id());
	}

	/** Whether this session still holds the relay lock. */
	boolean holdsLock() {
		try {
			return this.lock.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private void recover() {
		List<UUID> inFlight = this.jdbc.queryForList("SELECT DISTINCT batch_id FROM outbox WHERE batch_id IS NOT NULL",
				UUID.class);
		if (inFlight.isEmpty()) {
			return;
		}
		String committed = lastMarker();
		for (UUID batch : inFlight) {
			if (batch.toString().equals(committed)) {
				int rows = this.jdbc.update("DELETE FROM outbox WHERE batch_id = ?", batch);
				log.info("Outbox batch {} was published before the last relay stopped; removed its {} rows", batch,
						rows);
			}
			else {
				int rows = this.jdbc.update("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?", batch);
				log.info("Outbox batch {} was not published before the last relay stopped; its {} rows go out again",
						batch, rows);
			}
		}
	}

	/** The batch id of the last committed marker, or {@code null}. */
	private String lastMarker() {
		Map<String, Object> config = new HashMap<>();
		this.kafkaConfig.forEach((key, value) -> {
			if (key.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
					|| key.startsWith("ssl.") || key.startsWith("sasl.")) {
				config.put(key, value);
			}
		});
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		TopicPartition partition = new TopicPartition(this.settings.markerTopic(), 0);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.assign(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
			if (end <= begin) {
				return null;
			}
			consumer.seek(partition, Math.max(begin, end - MARKER_TAIL));
			String last = null;
			Instant deadline = Instant.now().plusSeconds(30);
			while (consumer.position(partition) < end) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Cannot read the relay marker topic " + partition);
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() < end && MARKER_KEY.equals(record.key())) {
						last = record.value();
					}
				}
			}
			return last;
		}
	}

	@Override
	public void close() {
		try {
			this.producerMetrics.close();
		}
		catch (Exception ex) {
			log.debug("Unbinding the relay producer's metrics failed", ex);
		}
		try {
			this.producer.close(Duration.ofSeconds(5));
		}
		catch (RuntimeException ex) {
			log.debug("Closing the relay producer failed", ex);
		}
		try (PreparedStatement unlock = this.lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, LOCK_KEY);
			unlock.execute();
		}
		catch (SQLException ex) {
			log.debug("Releasing the relay lock failed; closing its connection releases it", ex);
		}
		closeQuietly(this.lock);
	}

	private void abortQuietly() {
		try {
			this.producer.abortTransaction();
		}
		catch (RuntimeException ex) {
			log.debug("Aborting the relay transaction failed", ex);
		}
	}

	private static boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, LOCK_KEY);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, OutboxSettings settings) {
		Map<String, Object> config = new HashMap<>(kafkaConfig);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
		config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RecordSerializer.class);
		return config;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			log.debug("Closing the relay lock connection failed", ex);
		}
	}

	/**
	 * Rows published together in one Kafka transaction.
	 *
	 * @param id the batch id, also the marker's value
	 * @param rows the rows, oldest first
	 */
	record Batch(UUID id, List<Row> rows) {
	}

	/**
	 * One outbox row.
	 *
	 * @param seq its position
	 * @param topic where to
	 * @param key its key
	 * @param type the record class
	 * @param payload single-object encoded record
	 * @param traceParent the W3C trace context of its writer, or {@code null}
	 */
	record Row(long seq, String topic, String key, String type, byte[] payload, String traceParent) {
	}

}
