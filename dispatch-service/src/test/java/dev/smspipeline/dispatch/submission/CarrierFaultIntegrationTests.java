package dev.smspipeline.dispatch.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.dispatch.TextStatuses;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.fault.FaultMode;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.junit.ClassResource;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A carrier that fails every create while a fault of the simulator is on
 * ({@code /sim/faults}), until dispatch gives the text up after
 * {@code sms.dispatch.retry.max-attempts} (3 here, with a 1 s request timeout, so a test
 * takes seconds):
 * <ul>
 * <li>{@code TIMEOUT}: the simulator takes the text, delivers it and posts its callbacks,
 * but holds every answer past dispatch's timeout. The text must end DELIVERY_UNKNOWN, not
 * FAILED: the carrier's DELIVERED callback then still wins in status-service's store
 * (DELIVERY_UNKNOWN ranks below every terminal status there; FAILED would be final).</li>
 * <li>{@code ERROR_500}: the carrier answers every create that it took nothing. The text
 * ends FAILED {@code CARRIER_UNAVAILABLE}.</li>
 * </ul>
 * The status callbacks go to a recorder in this JVM instead of status-service. The
 * simulator is the one this JVM's classes share: a fault is on only during a test of this
 * class, whose context alone is running then, and its texts go to numbers no other class
 * uses.
 */
@ServiceIntegrationTest
class CarrierFaultIntegrationTests {

	private static final Duration HELD_ANSWER = Duration.ofSeconds(3);

	private static final CarrierSimulator carrier = SimulatedCarrier.shared();

	@RegisterExtension
	static final CallbackRecorder callbacks = new CallbackRecorder();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@DynamicPropertySource
	static void carrierProperties(DynamicPropertyRegistry registry) {
		SimulatedCarrier.register(registry, carrier);
		registry.add("sms.carrier.status-callback-url", callbacks::url);
		registry.add("sms.carrier.request-timeout", () -> "1s");
		registry.add("sms.dispatch.retry.max-attempts", () -> "3");
		registry.add("sms.dispatch.retry.initial-backoff", () -> "100ms");
		registry.add("sms.dispatch.retry.max-backoff", () -> "200ms");
	}

	@AfterEach
	void switchFaultOff() {
		carrier.faults().switchOff();
	}

	@Test
	void endsDeliveryUnknownWhenEveryCallTimesOutAndTheCarrierStillDeliversTheText() {
		carrier.faults().switchOn(FaultMode.TIMEOUT, null, HELD_ANSWER, System.currentTimeMillis());
		MessageRequested request = MessageRequests.to("+14155550121");

		requests.send(request);

		DeliveryStatus unknown = statuses.await(TextStatuses.of(request, MessageStatus.DELIVERY_UNKNOWN));
		assertThat(unknown.getReasonCode()).isEqualTo("CARRIER_NO_ANSWER");
		assertThat(unknown.getCarrierErrorDescription()).startsWith("No answer from the carrier to 3 of 3 attempts");
		assertThat(unknown.getEventId()).isEqualTo(request.getMessageId() + ":DELIVERY_UNKNOWN:3");
		assertThat(unknown.getAttempt()).isEqualTo(3);
		assertThat(statusesOf(request)).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.QUEUED, MessageStatus.DELIVERY_UNKNOWN);
		// three creates under one idempotency token: the carrier took the first, and
		// answered the retries with it
		assertThat(createsFor(request)).hasSize(3)
			.allSatisfy((create) -> assertThat(create.idempotencyKey()).isEqualTo(request.getMessageId()))
			.extracting(ReceivedMessage::outcome)
			.containsExactly(Outcome.ACCEPTED, Outcome.DUPLICATE, Outcome.DUPLICATE);
		// ... and reports the text delivered: the callback status-service would apply
		// over
		// DELIVERY_UNKNOWN
		await().atMost(Duration.ofSeconds(10))
			.until(() -> callbacks.statusesOf(request.getMessageId()).contains("delivered"));
	}

	@Test
	void failsAsCarrierUnavailableWhenTheCarrierRefusesEveryCallWithAServerError() {
		carrier.faults().switchOn(FaultMode.ERROR_500, null, null, System.currentTimeMillis());
		MessageRequested request = MessageRequests.to("+14155550122");

		requests.send(request);

		DeliveryStatus failed = statuses.await(TextStatuses.of(request, MessageStatus.FAILED));
		assertThat(failed.getReasonCode()).isEqualTo("CARRIER_UNAVAILABLE");
		assertThat(failed.getCarrierErrorDescription()).startsWith("Carrier unavailable after 3 attempts");
		assertThat(statusesOf(request)).extracting(DeliveryStatus::getStatus)
			.containsExactly(MessageStatus.QUEUED, MessageStatus.FAILED);
		assertThat(createsFor(request)).hasSize(3).extracting(ReceivedMessage::outcome).containsOnly(Outcome.ERROR);
		assertThat(callbacks.statusesOf(request.getMessageId())).isEmpty();
	}

	private static List<DeliveryStatus> statusesOf(MessageRequested request) {
		return statuses.values(TextStatuses.of(request));
	}

	private static List<ReceivedMessage> createsFor(MessageRequested request) {
		return SimulatedCarrier.createsFor(carrier, request);
	}

	/**
	 * Stands in for status-service's status webhook: keeps the message id (from the query
	 * dispatch adds) and the {@code MessageStatus} of every callback.
	 */
	private static final class CallbackRecorder implements ClassResource {

		private final HttpServer server;

		private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

		CallbackRecorder() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/", (exchange) -> {
				Map<String, String> fields = new LinkedHashMap<>();
				fields.putAll(form(exchange.getRequestURI().getRawQuery()));
				fields.putAll(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
				this.received.add(fields);
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/webhooks/carrier/status";
		}

		List<String> statusesOf(String messageId) {
			return this.received.stream()
				.filter((fields) -> messageId.equals(fields.get("messageId")))
				.map((fields) -> fields.get("MessageStatus"))
				.toList();
		}

		private static Map<String, String> form(String encoded) {
			Map<String, String> fields = new LinkedHashMap<>();
			if (encoded == null || encoded.isEmpty()) {
				return fields;
			}
			for (String pair : encoded.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
			return fields;
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
