package dev.smspipeline.simulator.callback;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.WebhookReceiver;

import static dev.smspipeline.simulator.support.TwilioClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StatusCallbackIntegrationTests {

	private final CarrierSimulator simulator = CarrierSimulator.start(SimulatorSettings.forTests());

	private final TwilioClient client = new TwilioClient(this.simulator);

	private final WebhookReceiver receiver = WebhookReceiver.start();

	private final String callback = this.receiver.url("/webhooks/carrier/status?messageId=01JAB%2Bx");

	@AfterEach
	void close() {
		this.simulator.close();
		this.receiver.close();
	}

	@Test
	void signsEveryCallbackSoTwiliosRequestValidatorAcceptsIt() {
		this.client.create(message("+13125550600", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.requests().size() == 2);

		RequestValidator validator = new RequestValidator(this.simulator.authToken());
		assertThat(this.receiver.requests()).allSatisfy((request) -> {
			assertThat(request.url()).isEqualTo(this.callback);
			assertThat(validator.validate(request.url(), request.form(), request.signature())).isTrue();
		});
	}

	@Test
	void postsTwilioStatusCallbackFieldsAsAForm() {
		String sid = (String) this.client.create(message("+13125550601", "Hello", this.callback)).json().get("sid");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.requests().size() == 2);

		WebhookReceiver.Request delivered = this.receiver.requests().get(1);
		assertThat(delivered.contentType()).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
		assertThat(delivered.userAgent()).isEqualTo("TwilioProxy/1.1");
		assertThat(delivered.query()).isEqualTo("messageId=01JAB%2Bx");
		assertThat(delivered.form()).containsEntry("MessageSid", sid)
			.containsEntry("SmsSid", sid)
			.containsEntry("AccountSid", this.simulator.accountSid())
			.containsEntry("From", "+15005550006")
			.containsEntry("To", "+13125550601")
			.containsEntry("MessageStatus", "delivered")
			.containsEntry("SmsStatus", "delivered")
			.containsEntry("ApiVersion", "2010-04-01")
			.doesNotContainKey("ErrorCode");
	}

	@Test
	void retriesACallbackTheReceiverFailed() {
		this.receiver.failNext(2);

		this.client.create(message("+13125550602", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.requests().size() == 4);
		assertThat(this.receiver.statuses()).containsExactly("sent", "sent", "sent", "delivered");
	}

	@Test
	void keepsAnsweringWhenTheCallbackReceiverIsDown() {
		this.receiver.close();

		this.client.create(message("+13125550603", "Hello", this.callback));

		assertThat(this.client.create(message("+13125550604", "Hello", this.callback)).status()).isEqualTo(201);
		assertThat(this.client.get("/health").status()).isEqualTo(200);
	}

	@Test
	void givesUpACallbackAfterTheConfiguredRetryTimeAndPostsTheNextOne() {
		try (CarrierSimulator impatient = CarrierSimulator
			.start(SimulatorSettings.forTests().withCallbackRetryFor(Duration.ofMillis(300)))) {
			this.receiver.answerWith(500);

			new TwilioClient(impatient).create(message("+13125550605", "Hello", this.callback));

			await().atMost(Duration.ofSeconds(10))
				.until(() -> new TwilioClient(impatient).get("/sim/stats").json().get("givenUpCallbacks").equals(2));
			List<String> statuses = this.receiver.statuses();
			assertThat(statuses).hasSizeGreaterThanOrEqualTo(4);
			assertThat(statuses.stream().distinct()).containsExactly("sent", "delivered");
			assertThat(statuses).isSortedAccordingTo(
					Comparator.comparing((String status) -> List.of("sent", "delivered").indexOf(status)));
		}
	}

	@Test
	void countsPostedAndPendingCallbacksInStats() {
		this.client.create(message("+13125550606", "Hello", this.callback));

		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.client.get("/sim/stats").json(),
					(stats) -> stats.get("postedCallbacks").equals(2) && stats.get("pendingCallbacks").equals(0));
	}

}
