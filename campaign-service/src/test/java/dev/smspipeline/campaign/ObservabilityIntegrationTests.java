package dev.smspipeline.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.campaign.support.Records;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.observability.Prometheus;
import dev.smspipeline.testsupport.observability.TraceParent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of campaign-service: the catalogue's metrics on
 * {@code /actuator/prometheus} of the management port, and a text's trace from its API
 * request to its {@code MessageRequested} record, across the outbox.
 */
@CampaignServiceTest
class ObservabilityIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@BeforeAll
	static void openProbe() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
	}

	@AfterAll
	static void closeProbe() {
		requests.close();
	}

	@Test
	void exposesTheCatalogueMetricsAfterAOneOffTextAndADeadLetter() {
		String recipient = Numbers.losAngeles();
		String messageId = OneOffs.send(Http.as(TestAccount.ACME, this.port), recipient, "Metrics").json("$.messageId");
		requests.await((request) -> request.getMessageId().equals(messageId));
		Records.sendBytes(Topics.CRM_SMS_REQUESTS, "metrics", "not avro".getBytes(StandardCharsets.UTF_8));

		Prometheus scrape = await().atMost(Duration.ofSeconds(30))
			.until(() -> Prometheus.scrape(this.managementPort),
					(metrics) -> metrics.value("sms_dead_letter_records_total", "topic=\"crm.sms-requests.DLT\"",
							"reason=\"DESERIALIZATION\"") >= 1);
		assertThat(scrape.value("sms_requests_accepted_total", "source=\"REST\"", "service=\"campaign-service\"",
				"instance=\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("sms_campaign_outbox_published_total")).isGreaterThanOrEqualTo(1);
		assertThat(scrape.samples("sms_campaign_texts_released_total")).hasSize(1);
		assertThat(scrape.samples("sms_campaigns", "status=\"DRAFT\"")).hasSize(1);
		assertThat(scrape.samples("sms_campaigns")).hasSize(8);
		assertThat(scrape.samples("kafka_consumer_fetch_manager_records_lag_max")).isNotEmpty();
		assertThat(scrape.samples("kafka_producer_record_send_total")).isNotEmpty();
		assertThat(scrape.text()).doesNotContain(recipient).doesNotContain(messageId);
	}

	@Test
	void carriesTheTraceContextFromTheRequestToTheMessageRequestedRecord() {
		String traceparent = TraceParent.random();

		ApiResponse response = Http.as(TestAccount.ACME, this.port)
			.api()
			.postJson("/api/v1/messages", OneOffs.json(Numbers.losAngeles(), "Traced"), TraceParent.HEADER,
					traceparent);

		String messageId = response.json("$.messageId");
		ConsumerRecord<String, MessageRequested> published = requests
			.awaitRecord((record) -> record.value() != null && record.value().getMessageId().equals(messageId));
		assertThat(TraceParent.traceId(TraceParent.of(published.headers())))
			.isEqualTo(TraceParent.traceId(traceparent));
	}

}
