package dev.smspipeline.simulator.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.TwilioClient.Answer;
import dev.smspipeline.simulator.support.WebhookReceiver;

import static dev.smspipeline.simulator.support.TwilioClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScenarioIntegrationTests {

	private final CarrierSimulator simulator = CarrierSimulator.start(SimulatorSettings.forTests());

	private final TwilioClient client = new TwilioClient(this.simulator);

	private final WebhookReceiver receiver = WebhookReceiver.start();

	private final String callback = this.receiver.url("/webhooks/carrier/status?messageId=m-1");

	@AfterEach
	void close() {
		this.simulator.close();
		this.receiver.close();
	}

	@Test
	void deliversAnOrdinaryNumberSentThenDeliveredWithinAboutAHundredMillis() {
		long sent = System.currentTimeMillis();
		Answer answer = this.client.create(message("+13125550500", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.statuses().size() == 2);

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.json()).containsEntry("status", "queued");
		assertThat(this.receiver.statuses()).containsExactly("sent", "delivered");
		assertThat(this.receiver.requests().get(1).receivedAt() - sent).isLessThan(1000);
	}

	@Test
	void refusesALandlineWith21614() {
		Answer answer = this.client.create(message("+14152010500", "Hello", this.callback));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("code", 21614)
			.containsEntry("message", "'To' number is not a valid mobile number")
			.containsEntry("more_info", "https://www.twilio.com/docs/errors/21614")
			.containsEntry("status", 400);
	}

	@Test
	void refusesAnUnsubscribedNumberWith21610() {
		Answer answer = this.client.create(message("+14152090500", "Hello", this.callback));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("code", 21610);
	}

	@Test
	void reportsA202NumberUndeliveredWith30003AfterSent() {
		this.client.create(message("+14152020500", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.statuses().size() == 2);

		assertThat(this.receiver.statuses()).containsExactly("sent", "undelivered");
		assertThat(this.receiver.requests().get(1).form()).containsEntry("ErrorCode", "30003")
			.containsEntry("ErrorMessage", "Unreachable destination handset");
	}

	@Test
	void reportsA203NumberFilteredAsSpamWith30007() {
		this.client.create(message("+14152030500", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.statuses().contains("undelivered"));

		assertThat(this.receiver.requests().get(1).form()).containsEntry("ErrorCode", "30007");
	}

	@Test
	void leavesA205MessageSentAndSilent() {
		this.client.create(message("+14152050500", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.statuses().size() == 1);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.receiver.statuses().equals(List.of("sent")));
	}

	@Test
	void deliversA206MessageOnlyAfterFiveSeconds() {
		long accepted = System.currentTimeMillis();
		this.client.create(message("+14152060500", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.statuses().contains("delivered"));

		assertThat(this.receiver.requests().get(1).receivedAt() - accepted).isGreaterThanOrEqualTo(4900);
	}

	@Test
	void answers429WithRetryAfter3ToTheFirstCreateForA207NumberThenAccepts() {
		Answer first = this.client.create(message("+14152070500", "Hello", null), "k-207");

		Answer second = this.client.create(message("+14152070500", "Hello", null), "k-207");

		assertThat(first.status()).isEqualTo(429);
		assertThat(first.header("Retry-After")).isEqualTo("3");
		assertThat(first.json()).containsEntry("code", 20429)
			.containsEntry("message", "To number rate limit exceeded, please wait 3 seconds");
		assertThat(second.status()).isEqualTo(201);
	}

	@Test
	void answers500ToTheFirstTwoCreatesOfA208MessageThenAccepts() {
		List<Integer> statuses = List
			.of(this.client.create(message("+14152080500", "Hello", null), "k-208"),
					this.client.create(message("+14152080500", "Hello", null), "k-208"),
					this.client.create(message("+14152080500", "Hello", null), "k-208"))
			.stream()
			.map(Answer::status)
			.toList();

		assertThat(statuses).containsExactly(500, 500, 201);
	}

	@Test
	void identifiesA208MessageWithoutKeyByToAndBody() {
		assertThat(this.client.create(message("+14152080501", "Hello", null)).status()).isEqualTo(500);
		assertThat(this.client.create(message("+14152080501", "Other", null)).status()).isEqualTo(500);
		assertThat(this.client.create(message("+14152080501", "Hello", null)).status()).isEqualTo(500);
		assertThat(this.client.create(message("+14152080501", "Hello", null)).status()).isEqualTo(201);
	}

	@Test
	void answersA208ServerErrorTwilioShaped() {
		Answer answer = this.client.create(message("+14152080502", "Hello", null));

		assertThat(answer.json()).containsEntry("code", 20500).containsEntry("status", 500);
	}

	@Test
	void postsEveryCallbackOfA210MessageTwiceAndOutOfOrder() {
		this.client.create(message("+14152100500", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.statuses().size() == 4);

		assertThat(this.receiver.statuses()).containsExactly("delivered", "sent", "delivered", "sent");
	}

	@Test
	void followsAScenarioTableGivenInTheSettings() {
		ScenarioTable table = ScenarioTable.defaults()
			.withRule("+1312555", Scenario.failing("failed", FinalStatus.FAILED, 30006));
		try (CarrierSimulator custom = CarrierSimulator.start(SimulatorSettings.forTests().withScenarios(table))) {
			new TwilioClient(custom).create(message("+13125550503", "Hello", this.callback));

			await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.statuses().contains("failed"));
		}

		assertThat(this.receiver.requests().get(1).form()).containsEntry("ErrorCode", "30006");
	}

	@Test
	void followsTheScenarioFileGivenInTheSettings(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("scenarios.properties"), "+1415206.finalAfterMillis=300\n");
		try (CarrierSimulator custom = CarrierSimulator.start(SimulatorSettings.forTests().withScenarioFile(file))) {
			long accepted = System.currentTimeMillis();
			new TwilioClient(custom).create(message("+14152060501", "Hello", this.callback));

			await().atMost(Duration.ofSeconds(3)).until(() -> this.receiver.statuses().contains("delivered"));

			assertThat(this.receiver.requests().get(1).receivedAt() - accepted).isBetween(250L, 3000L);
		}
	}

}
