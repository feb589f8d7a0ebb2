package dev.smspipeline.simulator.fault;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.TwilioClient.Answer;
import dev.smspipeline.simulator.support.WebhookReceiver;

import static dev.smspipeline.simulator.support.TwilioClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class FaultIntegrationTests {

	private final CarrierSimulator simulator = CarrierSimulator
		.start(SimulatorSettings.forTests().withFaultTimeoutDelay(Duration.ofMillis(1500)));

	private final TwilioClient client = new TwilioClient(this.simulator);

	private final WebhookReceiver receiver = WebhookReceiver.start();

	@AfterEach
	void close() {
		this.simulator.close();
		this.receiver.close();
	}

	@Test
	void answersEveryCreate500WhileAnError500FaultIsOn() {
		switchOn("{\"mode\": \"ERROR_500\"}");

		Answer answer = this.client.create(message("+13125550500", "Hello", null), "f-1");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.json()).containsEntry("code", 20500);
		ReceivedMessage logged = this.simulator.receivedMessages().get(0);
		assertThat(logged.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(logged.fault()).isEqualTo(FaultMode.ERROR_500);
		assertThat(logged.sid()).isNull();
	}

	@Test
	void acceptsTheRetryOfAKeyOnceAnError500FaultIsOff() {
		switchOn("{\"mode\": \"ERROR_500\"}");
		this.client.create(message("+13125550501", "Hello", null), "f-2");

		Answer off = this.client.delete("/sim/faults");
		Answer retry = this.client.create(message("+13125550501", "Hello", null), "f-2");

		assertThat(off.json()).containsEntry("mode", "NONE").containsEntry("erroredCreates", 1);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(this.simulator.receivedMessages()).extracting(ReceivedMessage::outcome)
			.containsExactly(Outcome.ERROR, Outcome.ACCEPTED);
	}

	@Test
	void switchesItselfOffWhenItsDurationRunsOut() {
		Answer on = switchOn("{\"mode\": \"ERROR_500\", \"durationSeconds\": 0.5}");
		assertThat(on.json()).containsEntry("mode", "ERROR_500").containsEntry("active", true);

		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.client.create(message("+13125550502", "Hello", null), "f-3").status() == 201);
		assertThat(this.client.get("/sim/faults").json()).containsEntry("mode", "NONE").containsEntry("active", false);
	}

	@Test
	void holdsTheAnswerPastTheClientsTimeoutButTakesTheMessage() {
		String callback = this.receiver.url("/status?messageId=m1");
		switchOn("{\"mode\": \"TIMEOUT\"}");

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(
					() -> this.client.create(message("+13125550503", "Hello", callback), "f-4", Duration.ofMillis(300)))
			.withCauseInstanceOf(HttpTimeoutException.class);

		ReceivedMessage logged = this.simulator.receivedMessages().get(0);
		assertThat(logged.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(logged.fault()).isEqualTo(FaultMode.TIMEOUT);
		assertThat(logged.sid()).startsWith("SM");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.requests().size() == 2);
	}

	@Test
	void answersTheRetryOfATimedOutCreateWithTheFirstAnswerOnceTheFaultIsOff() {
		switchOn("{\"mode\": \"TIMEOUT\", \"durationSeconds\": 0.5}");
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(
				() -> this.client.create(message("+13125550504", "Hello", null), "f-5", Duration.ofMillis(300)));
		String sid = this.simulator.receivedMessages().get(0).sid();

		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.client.get("/sim/faults").json().get("mode").equals("NONE"));
		Answer retry = this.client.create(message("+13125550504", "Hello", null), "f-5", Duration.ofSeconds(5));

		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.json()).containsEntry("sid", sid);
		assertThat(this.simulator.receivedMessages()).extracting(ReceivedMessage::outcome)
			.containsExactly(Outcome.ACCEPTED, Outcome.DUPLICATE);
		assertThat(this.simulator.receivedMessages()).filteredOn(ReceivedMessage::isAccepted).hasSize(1);
	}

	@Test
	void sendsAHeldAnswerAfterItsDelayToAPatientClient() {
		switchOn("{\"mode\": \"TIMEOUT\", \"timeoutDelayMillis\": 400}");
		long start = System.nanoTime();

		Answer answer = this.client.create(message("+13125550505", "Hello", null), "f-6", Duration.ofSeconds(5));

		assertThat(answer.status()).isEqualTo(201);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void keepsAnsweringTheSimulatorsOwnEndpointsWhileAnswersAreHeld() {
		switchOn("{\"mode\": \"TIMEOUT\", \"timeoutDelayMillis\": 5000}");
		int held = 2 * this.simulator.settings().httpThreads();
		ExecutorService callers = Executors.newFixedThreadPool(held);
		try {
			for (int i = 0; i < held; i++) {
				String to = "+1312555" + (1000 + i);
				callers.execute(() -> this.client.create(message(to, "Hello", null), null, Duration.ofSeconds(10)));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.simulator.receivedMessages().size() == held);

			long start = System.nanoTime();
			Answer health = this.client.get("/health");
			List<Map<String, Object>> listed = this.client.get("/sim/messages").jsonArray();

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(health.status()).isEqualTo(200);
			assertThat(listed).hasSize(held).allSatisfy((entry) -> assertThat(entry).containsEntry("fault", "TIMEOUT"));
			assertThat(this.client.get("/sim/stats").json()).containsEntry("fault", "TIMEOUT")
				.containsEntry("faultHeldCreates", held);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void refusesMalformedRequestsAndChangesNothing() {
		Answer unknownMode = this.client.post("/sim/faults", "application/json", "{\"mode\": \"SLOW\"}");
		Answer unknownField = this.client.post("/sim/faults", "application/json",
				"{\"mode\": \"TIMEOUT\", \"seconds\": 3}");

		assertThat(unknownMode.status()).isEqualTo(400);
		assertThat(unknownMode.json()).containsEntry("code", 20001);
		assertThat((String) unknownMode.json().get("message")).contains("SLOW");
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(this.client.get("/sim/faults").json()).containsEntry("mode", "NONE");
	}

	@Test
	void listsNoFaultForOrdinaryCreates() {
		this.client.create(message("+13125550506", "Hello", null));

		assertThat(this.client.get("/sim/messages").jsonArray().get(0)).containsEntry("fault", null);
		assertThat(this.simulator.receivedMessages().get(0).fault()).isNull();
	}

	private Answer switchOn(String body) {
		Answer answer = this.client.post("/sim/faults", "application/json", body);
		assertThat(answer.status()).isEqualTo(200);
		return answer;
	}

}
