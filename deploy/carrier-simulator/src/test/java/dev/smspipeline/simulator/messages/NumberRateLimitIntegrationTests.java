package dev.smspipeline.simulator.messages;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.TwilioClient.Answer;

import static dev.smspipeline.simulator.support.TwilioClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NumberRateLimitIntegrationTests {

	private final CarrierSimulator simulator = CarrierSimulator.start(SimulatorSettings.forTests());

	private final TwilioClient client = new TwilioClient(this.simulator);

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void answers429WhenTheSameNumberIsHitTwiceWithinASecond() {
		assertThat(this.client.create(message("+13125550200", "first", null)).status()).isEqualTo(201);

		Answer second = this.client.create(message("+13125550200", "second", null));

		assertThat(second.status()).isEqualTo(429);
		assertThat(second.header("Retry-After")).isEqualTo("1");
		assertThat(second.json()).containsEntry("code", 20429)
			.containsEntry("message", "To number rate limit exceeded, please wait 1 seconds")
			.containsEntry("more_info", "https://www.twilio.com/docs/errors/20429")
			.containsEntry("status", 429);
	}

	@Test
	void acceptsTheNumberAgainOnceASecondHasPassed() {
		long firstAccepted = System.currentTimeMillis();
		this.client.create(message("+13125550201", "first", null));

		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.client.create(message("+13125550201", "again", null)).status() == 201);

		ReceivedMessage accepted = this.simulator.receivedMessages()
			.stream()
			.filter((message) -> "again".equals(message.body()) && message.isAccepted())
			.findFirst()
			.orElseThrow();
		assertThat(accepted.receivedAt() - firstAccepted).isGreaterThanOrEqualTo(900);
	}

	@Test
	void neverHoldsBackOtherNumbers() {
		this.client.create(message("+13125550202", "first", null));

		assertThat(this.client.create(message("+13125550203", "other number", null)).status()).isEqualTo(201);
	}

	@Test
	void holdsScenarioNumbersToTheRuleToo() {
		this.client.create(message("+14152020001", "first", null));

		assertThat(this.client.create(message("+14152020001", "second", null)).status()).isEqualTo(429);
	}

	@Test
	void logsTheRefusalAsRateLimited() {
		this.client.create(message("+13125550204", "first", null));
		this.client.create(message("+13125550204", "second", null));

		assertThat(this.simulator.receivedMessages()).extracting(ReceivedMessage::outcome, ReceivedMessage::httpStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.ACCEPTED, 201),
					org.assertj.core.groups.Tuple.tuple(Outcome.RATE_LIMITED, 429));
	}

}
