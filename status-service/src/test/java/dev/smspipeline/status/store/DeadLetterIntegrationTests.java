package dev.smspipeline.status.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.StoredMessages;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StoredMessages.hasStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's container, error handler and dead-letter producer against the real broker.
 * The poison record goes to a topic of the test's own, read by a container from the
 * store's factory: a poison record on the shared {@code sms.delivery-status} would stop
 * every other test's probe of that topic.
 */
@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterIntegrationTests {

	private final ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	private final DeliveryStatusProjector projector;

	private final StatusStore store;

	private final KafkaAdmin admin;

	private final KafkaTemplate<String, SpecificRecord> kafka;

	private final ApiClient acme;

	DeadLetterIntegrationTests(
			@Autowired @Qualifier(StoreKafkaConfiguration.CONTAINER_FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
			@Autowired DeliveryStatusProjector projector, @Autowired StatusStore store, @Autowired KafkaAdmin admin,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka, @LocalServerPort int port) {
		this.factory = factory;
		this.projector = projector;
		this.store = store;
		this.admin = admin;
		this.kafka = kafka;
		this.acme = ApiClient.as(TestAccount.ACME, "http://localhost:" + port);
	}

	@Test
	void sendsAnUndeserializableRecordToTheDeadLetterTopicAndStoresTheRecordsAroundIt(CapturedOutput output)
			throws Exception {
		String topic = "test.delivery-status-" + UUID.randomUUID();
		this.admin.createOrModifyTopics(new NewTopic(topic, 1, (short) 1),
				new NewTopic(Topics.deadLetter(topic), 1, (short) 1));
		String before = UUID.randomUUID().toString();
		String after = UUID.randomUUID().toString();
		byte[] poison = "not the Confluent wire format".getBytes(StandardCharsets.UTF_8);
		StoredMessages.publishRequested(this.kafka, topic, TestAccount.ACME, before);
		try (KafkaProducer<String, byte[]> producer = rawProducer()) {
			producer.send(new ProducerRecord<>(topic, "poison", poison)).get();
		}
		StoredMessages.publishRequested(this.kafka, topic, TestAccount.ACME, after);

		ConcurrentMessageListenerContainer<Object, Object> container = this.factory.createContainer(topic);
		container.setBeanName("dead-letter-test");
		container.getContainerProperties().setGroupId("test-" + UUID.randomUUID());
		container.setupMessageListener((BatchMessageListener<String, Object>) this.projector::project);
		container.start();
		try {
			ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(Topics.deadLetter(topic));
			assertThat(deadLetter.key()).isEqualTo("poison");
			assertThat(deadLetter.value()).isEqualTo(poison);
			assertThat(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotNull();
			assertThat(new String(deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(),
					StandardCharsets.UTF_8))
				.isEqualTo(topic);
			StoredMessages.await(this.acme, before, hasStatus(MessageStatus.REQUESTED));
			StoredMessages.await(this.acme, after, hasStatus(MessageStatus.REQUESTED));
			// The seek after the dead letter is expected: a WARN, not an ERROR with a
			// trace.
			assertThat(errorLines(output)).isEmpty();
		}
		finally {
			container.stop();
		}
	}

	@Test
	void retriesABatchTheDatabaseRefusedAndLogsOneWarnWithoutAStackTracePerRefusal(CapturedOutput output)
			throws Exception {
		String topic = "test.delivery-status-" + UUID.randomUUID();
		this.admin.createOrModifyTopics(new NewTopic(topic, 1, (short) 1));
		String messageId = UUID.randomUUID().toString();
		StoredMessages.publishRequested(this.kafka, topic, TestAccount.ACME, messageId);
		AtomicInteger attempts = new AtomicInteger();

		ConcurrentMessageListenerContainer<Object, Object> container = this.factory.createContainer(topic);
		container.setBeanName("database-refusal-test");
		container.getContainerProperties().setGroupId("test-" + UUID.randomUUID());
		container.setupMessageListener((BatchMessageListener<String, Object>) (records) -> Batches.project(records,
				DeliveryStatus.class, (event) -> true, (List<DeliveryStatus> values) -> {
					if (attempts.incrementAndGet() <= 2) {
						throw new DataIntegrityViolationException("refused",
								new SQLException("value too long for type character varying(200)", "22001"));
					}
					this.store.write(values);
				}));
		container.start();
		try {
			StoredMessages.await(this.acme, messageId, hasStatus(MessageStatus.REQUESTED));
			List<String> warnings = output.getAll()
				.lines()
				.filter((line) -> line.contains("Database refused 1 record(s) of " + topic + "-0@0, SQL state 22001"))
				.toList();
			assertThat(warnings).hasSize(2).allSatisfy((line) -> assertThat(line).contains("WARN"));
			assertThat(output.getAll()).doesNotContain("DataIntegrityViolationException")
				.doesNotContain("value too long");
			assertThat(errorLines(output)).isEmpty();
		}
		finally {
			container.stop();
		}
	}

	private static List<String> errorLines(CapturedOutput output) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(" ERROR ") || line.contains("\"level\":\"ERROR\""))
			.toList();
	}

	private static ConsumerRecord<String, byte[]> awaitDeadLetter(String topic) {
		Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.shared().kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
				"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
			return Awaitility.await("a dead letter on " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				return seen;
			}, (records) -> !records.isEmpty()).get(0);
		}
	}

	private static KafkaProducer<String, byte[]> rawProducer() {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer());
	}

}
