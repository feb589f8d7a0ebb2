package dev.smspipeline.simulator.messages;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.TwilioClient.Answer;
import dev.smspipeline.simulator.support.WebhookReceiver;

import static dev.smspipeline.simulator.support.TwilioClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdempotencyIntegrationTests {

	private final CarrierSimulator simulator = CarrierSimulator.start(SimulatorSettings.forTests());

	private final TwilioClient client = new TwilioClient(this.simulator);

	private final WebhookReceiver receiver = WebhookReceiver.start();

	@AfterEach
	void close() {
		this.simulator.close();
		this.receiver.close();
	}

	@Test
	void answersARepeatedKeyWithTheExactFirstAnswer() {
		Answer first = this.client.create(message("+13125550300", "Hello", null), "key-1");

		Answer repeat = this.client.create(message("+13125550300", "Hello", null), "key-1");

		assertThat(repeat.status()).isEqualTo(first.status()).isEqualTo(201);
		assertThat(repeat.body()).isEqualTo(first.body());
	}

	@Test
	void logsARepeatedKeyAsDuplicateWithTheFirstSid() {
		Answer first = this.client.create(message("+13125550301", "Hello", null), "key-2");
		this.client.create(message("+13125550301", "Hello", null), "key-2");

		assertThat(this.simulator.receivedMessages()).extracting(ReceivedMessage::outcome)
			.containsExactly(Outcome.ACCEPTED, Outcome.DUPLICATE);
		assertThat(this.simulator.receivedMessages().get(1).sid()).isEqualTo(first.json().get("sid"));
		assertThat(this.simulator.receivedMessages().get(1).idempotencyKey()).isEqualTo("key-2");
	}

	@Test
	void sendsNoNewCallbacksForADuplicate() {
		String callback = this.receiver.url("/status?messageId=m1");
		this.client.create(message("+13125550302", "Hello", callback), "key-3");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.requests().size() == 2);

		this.client.create(message("+13125550302", "Hello", callback), "key-3");

		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.receiver.requests().size() == 2);
	}

	@Test
	void honoursTheIdempotencyKeyHeaderToo() {
		Answer first = this.client.create(this.simulator.accountSid(),
				TwilioClient.basic(this.simulator.accountSid(), this.simulator.authToken()),
				message("+13125550303", "Hello", null), "Idempotency-Key", "key-4");

		Answer repeat = this.client.create(this.simulator.accountSid(),
				TwilioClient.basic(this.simulator.accountSid(), this.simulator.authToken()),
				message("+13125550303", "Hello", null), "Idempotency-Key", "key-4");

		assertThat(repeat.body()).isEqualTo(first.body());
		assertThat(this.simulator.receivedMessages()).extracting(ReceivedMessage::outcome)
			.containsExactly(Outcome.ACCEPTED, Outcome.DUPLICATE);
	}

	@Test
	void repeatsAPermanentRefusal() {
		Answer first = this.client.create(message("+14152010300", "Hello", null), "key-5");

		Answer repeat = this.client.create(message("+14152010300", "Hello", null), "key-5");

		assertThat(repeat.status()).isEqualTo(400);
		assertThat(repeat.body()).isEqualTo(first.body());
		assertThat(this.simulator.receivedMessages()).extracting(ReceivedMessage::outcome)
			.containsExactly(Outcome.ERROR, Outcome.DUPLICATE);
	}

	@Test
	void decidesAgainARepeatOfARateLimitedKey() {
		this.client.create(message("+13125550304", "other", null));
		assertThat(this.client.create(message("+13125550304", "Hello", null), "key-6").status()).isEqualTo(429);

		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.client.create(message("+13125550304", "Hello", null), "key-6").status() == 201);
	}

}
