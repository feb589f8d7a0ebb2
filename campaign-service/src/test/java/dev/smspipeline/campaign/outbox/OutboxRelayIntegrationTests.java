package dev.smspipeline.campaign.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.message.Texts;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.kafka.RecordSerializer;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay killed at each point of a batch: every record still reaches
 * {@code read_committed} consumers exactly once.
 */
@CampaignServiceTest
class OutboxRelayIntegrationTests {

	private static TopicProbe<DeliveryStatus> statuses;

	@Autowired
	OutboxRelay relay;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	OutboxSettings settings;

	@Autowired
	ProducerFactory<?, ?> producers;

	@BeforeAll
	static void openProbe() {
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
	}

	@AfterAll
	static void closeProbe() {
		statuses.close();
	}

	@AfterEach
	void restartRelay() {
		this.relay.start();
	}

	@Test
	void publishesEachRecordOnceWhenTheRelayDiesBetweenPublishingAndMarking() throws Exception {
		this.relay.stop();
		List<String> ids = write(5);
		RelaySession dying = this.relay.openSession().orElseThrow();
		RelaySession.Batch batch = dying.claim(1000);
		dying.publish(batch);
		// Killed here: published, but its rows were never deleted.
		dying.close();
		assertThat(inFlight()).isGreaterThanOrEqualTo(5);

		this.relay.start();

		assertPublishedOnce(ids);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
	}

	@Test
	void publishesEachRecordOnceWhenTheRelayDiesBeforeCommitting() throws Exception {
		this.relay.stop();
		List<String> ids = write(5);
		RelaySession dying = this.relay.openSession().orElseThrow();
		RelaySession.Batch batch = dying.claim(1000);
		dying.close();
		// A zombie producer with the relay's transactional id wrote the batch, never
		// committed.
		KafkaProducer<String, Object> zombie = zombie();
		zombie.initTransactions();
		zombie.beginTransaction();
		for (RelaySession.Row row : batch.rows()) {
			zombie.send(new ProducerRecord<>(row.topic(), row.key(), OutboxRecords.decode(row.type(), row.payload())));
		}
		zombie.flush();

		this.relay.start();

		assertPublishedOnce(ids);
		try {
			zombie.close(Duration.ofSeconds(1));
		}
		catch (RuntimeException ex) {
			// Fenced, as it should be.
		}
	}

	@Test
	void claimsOneBatchOfItsLimitQuicklyFromALargeBacklogUnderAGenericPlan() throws Exception {
		this.relay.stop();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
		try (Connection connection = this.dataSource.getConnection(); Statement sql = connection.createStatement()) {
			// What PostgreSQL settles on after the relay's idle polls: one generic plan
			// made with the statistics of an empty outbox, reused whatever it holds.
			sql.execute("ANALYZE outbox");
			write(5_000);
			sql.execute("SET plan_cache_mode = force_generic_plan");
			sql.execute("PREPARE relay_claim (uuid, int) AS "
					+ RelaySession.CLAIM.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));

			long started = System.nanoTime();
			int claimed = 0;
			try (ResultSet rows = sql.executeQuery("EXECUTE relay_claim ('" + UUID.randomUUID() + "', 500)")) {
				while (rows.next()) {
					claimed++;
				}
			}

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			assertThat(claimed).isEqualTo(500);
			sql.execute("UPDATE outbox SET batch_id = NULL WHERE batch_id IS NOT NULL");
		}
	}

	@Test
	void keepsRecordsOfARolledBackTransactionUnpublished() {
		String id = "rolled-back-" + UUID.randomUUID();
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.outbox.add(Topics.DELIVERY_STATUS, id, status(id));
				throw new IllegalStateException("the change fails");
			});
		}
		catch (IllegalStateException ex) {
			// Expected.
		}
		List<String> sentinel = write(1);

		assertPublishedOnce(sentinel);
		assertThat(statuses.values((status) -> status.getMessageId().equals(id))).isEmpty();
	}

	private void assertPublishedOnce(List<String> ids) {
		String sentinel = write(1).get(0);
		statuses.await((status) -> status.getMessageId().equals(sentinel));
		for (String id : ids) {
			assertThat(statuses.values((status) -> status.getMessageId().equals(id))).as(id).hasSize(1);
		}
	}

	private List<String> write(int count) {
		List<String> ids = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			List<Outbox.Entry> entries = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String id = "relay-test-" + UUID.randomUUID();
				ids.add(id);
				entries.add(new Outbox.Entry(Topics.DELIVERY_STATUS, id, status(id)));
			}
			this.outbox.addAll(entries);
		});
		return ids;
	}

	private static DeliveryStatus status(String id) {
		return Texts.status(id, "acme", null, "+12125550100", null, MessageStatus.REQUESTED, Instant.now()).build();
	}

	private int pending() {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class);
		return (count != null) ? count : 0;
	}

	private int inFlight() {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE batch_id IS NOT NULL",
				Integer.class);
		return (count != null) ? count : 0;
	}

	private KafkaProducer<String, Object> zombie() {
		Map<String, Object> config = new HashMap<>(this.producers.getConfigurationProperties());
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, this.settings.transactionalId());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RecordSerializer.class);
		return new KafkaProducer<>(config);
	}

}
