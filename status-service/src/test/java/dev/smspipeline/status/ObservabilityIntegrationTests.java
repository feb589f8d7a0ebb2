package dev.smspipeline.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.observability.Prometheus;
import dev.smspipeline.testsupport.observability.TraceParent;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static dev.smspipeline.status.StoredMessages.hasStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of status-service: the catalogue's metrics on
 * {@code /actuator/prometheus} of the management port and the trace context of a callback
 * on the status it publishes.
 */
@ServiceIntegrationTest
class ObservabilityIntegrationTests {

	private static TopicProbe<DeliveryStatus> statuses;

	private final int managementPort;

	private final CarrierCallbacks carrier;

	private final ApiClient acme;

	private final KafkaTemplate<String, SpecificRecord> kafka;

	ObservabilityIntegrationTests(@LocalServerPort int port, @LocalManagementPort int managementPort,
			@Autowired CallbackSettings settings, @Autowired KafkaTemplate<String, SpecificRecord> kafka) {
		this.managementPort = managementPort;
		this.carrier = new CarrierCallbacks("http://localhost:" + port, settings);
		this.acme = ApiClient.as(TestAccount.ACME, "http://localhost:" + port);
		this.kafka = kafka;
	}

	@BeforeAll
	static void openProbe() {
		statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
	}

	@AfterAll
	static void closeProbe() {
		statuses.close();
	}

	@Test
	void exposesTheCatalogueMetricsAfterAFinalStatus() {
		String messageId = UUID.randomUUID().toString();
		StoredMessages.publishRequested(this.kafka, TestAccount.ACME, messageId);
		new StatusEvents(this.kafka).publish(StatusEvents.status("acme", messageId, MessageStatus.SUBMITTED)
			.setOccurredAt(Instant.now().minusSeconds(3)));

		this.carrier.post(this.carrier.callback(messageId, "delivered"));
		StoredMessages.await(this.acme, messageId, hasStatus(MessageStatus.DELIVERED));

		Prometheus scrape = await().atMost(Duration.ofSeconds(10))
			.until(() -> Prometheus.scrape(this.managementPort),
					(metrics) -> metrics.value("sms_submission_to_final_seconds_count", "status=\"DELIVERED\"") >= 1);
		assertThat(scrape.value("sms_callbacks_total", "outcome=\"published\"", "status=\"DELIVERED\"",
				"service=\"status-service\"", "instance=\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("sms_messages_final_total", "status=\"DELIVERED\"", "code=\"none\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.samples("sms_submission_to_final_seconds_bucket", "status=\"DELIVERED\"")).hasSize(11);
		assertThat(scrape.samples("sms_submission_to_final_seconds_bucket", "le=\"172800.0\"")).isNotEmpty();
		assertThat(scrape.samples("sms_status_store_lag_seconds_bucket", "le=\"0.005\"")).hasSize(1);
		assertThat(scrape.samples("sms_campaign_unknown_share_max")).hasSize(1);
		// per topic and partition within a minute (dispatch's test waits for those)
		assertThat(scrape.samples("kafka_consumer_fetch_manager_records_lag_max", "client_id=")).isNotEmpty();
		assertThat(scrape.text()).doesNotContain(StoredMessages.RECIPIENT).doesNotContain(messageId);
	}

	@Test
	void carriesTheTraceContextOfACallbackToTheStatusItPublishes() {
		String messageId = UUID.randomUUID().toString();
		String traceparent = TraceParent.random();

		this.carrier.postWithHeaders(this.carrier.callback(messageId, "sent"), Map.of(TraceParent.HEADER, traceparent));

		ConsumerRecord<String, DeliveryStatus> published = statuses
			.awaitRecord((record) -> record.value() != null && record.value().getMessageId().equals(messageId));
		assertThat(TraceParent.traceId(TraceParent.of(published.headers())))
			.isEqualTo(TraceParent.traceId(traceparent));
	}

}
