package dev.smspipeline.dispatch;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.observability.Prometheus;
import dev.smspipeline.testsupport.observability.TraceParent;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of dispatch: the catalogue's metrics on {@code /actuator/prometheus}
 * of the management port and a text's trace from its request record to the carrier call
 * and its statuses. The carrier here accepts everything and keeps the headers of each
 * call.
 */
@ServiceIntegrationTest
class ObservabilityIntegrationTests {

	@RegisterExtension
	static final RecordingCarrier carrier = RecordingCarrier.start();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void carrierProperties(DynamicPropertyRegistry registry) {
		carrier.register(registry);
	}

	@Test
	void exposesTheCatalogueMetricsAfterASubmission() {
		MessageRequested request = MessageRequests.to("+14155550181");

		requests.send(request);
		awaitStatus(request, MessageStatus.SUBMITTED);

		// Kafka's per-partition client metrics are bound when the client first reports
		// them, within a minute (Micrometer's KafkaClientMetrics refresh).
		Prometheus scrape = await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Prometheus.scrape(this.managementPort),
					(metrics) -> metrics.value("sms_request_to_submission_seconds_count") >= 1 && !metrics
						.samples("kafka_consumer_fetch_manager_records_lag",
								"topic=\"" + Topics.MESSAGE_REQUESTED + "\"")
						.isEmpty());
		assertThat(scrape.value("sms_dispatch_taken_total", "service=\"dispatch-service\"")).isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("sms_dispatch_outcomes_total", "status=\"SUBMITTED\"")).isGreaterThanOrEqualTo(1);
		assertThat(scrape.samples("sms_carrier_call_seconds_bucket", "outcome=\"accepted\"", "le=\"0.005\""))
			.hasSize(1);
		assertThat(scrape.samples("sms_carrier_call_seconds_bucket", "outcome=\"accepted\"")).hasSize(14);
		assertThat(scrape.samples("sms_dispatch_throttle_delay_seconds_bucket", "le=\"60.0\"")).hasSize(1);
		assertThat(scrape.samples("sms_request_to_submission_seconds_bucket", "le=\"1.0\"")).hasSize(1);
		for (String gauge : new String[] { "sms_dispatch_numbers_held", "sms_dispatch_numbers_active",
				"sms_dispatch_records_buffered", "sms_dispatch_records_parked", "sms_dispatch_carrier_in_flight",
				"sms_dispatch_partitions_paused" }) {
			assertThat(scrape.samples(gauge)).as(gauge).isNotEmpty();
		}
		assertThat(scrape.samples("kafka_consumer_fetch_manager_records_lag",
				"topic=\"" + Topics.MESSAGE_REQUESTED + "\"", "partition="))
			.isNotEmpty();
		assertThat(scrape.samples("sms_dispatch_taken_total").get(0)).contains("instance=\"");
		assertThat(scrape.text()).doesNotContain(request.getRecipient()).doesNotContain(request.getMessageId());
	}

	@Test
	void carriesTheTraceContextFromTheRequestRecordToTheCarrierCall() {
		MessageRequested request = MessageRequests.to("+14155550182");
		String traceparent = TraceParent.random();

		requests.send(request, traceparent);
		ConsumerRecord<String, DeliveryStatus> submitted = statuses.awaitRecord((record) -> record.value() != null
				&& TextStatuses.of(request, MessageStatus.SUBMITTED).test(record.value()));

		String traceId = TraceParent.traceId(traceparent);
		assertThat(TraceParent.traceId(carrier.header(request.getMessageId(), TraceParent.HEADER))).isEqualTo(traceId);
		assertThat(TraceParent.traceId(TraceParent.of(submitted.headers()))).isEqualTo(traceId);
	}

	private static DeliveryStatus awaitStatus(MessageRequested request, MessageStatus status) {
		return statuses.await(TextStatuses.of(request, status));
	}

}
