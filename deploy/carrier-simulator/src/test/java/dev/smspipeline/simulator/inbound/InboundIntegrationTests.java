package dev.smspipeline.simulator.inbound;

import java.time.Duration;
import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.twilio.TwilioSignature;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.TwilioClient.Answer;
import dev.smspipeline.simulator.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InboundIntegrationTests {

	private final WebhookReceiver receiver = WebhookReceiver.start();

	private final CarrierSimulator simulator = CarrierSimulator
		.start(SimulatorSettings.forTests().withInboundWebhookUrl(this.receiver.url("/webhooks/carrier/inbound")));

	private final TwilioClient client = new TwilioClient(this.simulator);

	@AfterEach
	void close() {
		this.simulator.close();
		this.receiver.close();
	}

	@Test
	void postsASignedIncomingMessageWebhookToTheInboundUrl() {
		Answer answer = this.client.post("/sim/inbound", "application/x-www-form-urlencoded",
				"From=%2B13125550700&To=%2B15005550006&Body=STOP");

		assertThat(answer.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.requests().size() == 1);
		WebhookReceiver.Request webhook = this.receiver.requests().get(0);
		assertThat(webhook.url()).isEqualTo(this.receiver.url("/webhooks/carrier/inbound"));
		assertThat(webhook.form()).containsEntry("From", "+13125550700")
			.containsEntry("To", "+15005550006")
			.containsEntry("Body", "STOP")
			.containsEntry("NumMedia", "0")
			.containsEntry("AccountSid", this.simulator.accountSid())
			.containsEntry("MessageSid", (String) answer.json().get("messageSid"));
		assertThat(webhook.form().get("MessageSid")).matches("SM[0-9a-f]{32}");
		assertThat(new RequestValidator(this.simulator.authToken()).validate(webhook.url(), webhook.form(),
				webhook.signature()))
			.isTrue();
		assertThat(new TwilioSignature(this.simulator.authToken()).verify(webhook.url(), webhook.form(),
				webhook.signature()))
			.isTrue();
	}

	@Test
	void acceptsJsonAndAnswersWithTheReceiversStatusCode() {
		this.receiver.answerWith(403);

		Answer answer = this.client.post("/sim/inbound", "application/json",
				"{\"From\":\"+13125550701\",\"To\":\"+15005550006\",\"Body\":\"START\"}");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.json()).containsEntry("webhookStatus", 403);
		assertThat(this.receiver.requests()).singleElement()
			.satisfies((webhook) -> assertThat(webhook.form()).containsEntry("Body", "START")
				.containsEntry("From", "+13125550701"));
	}

	@Test
	void answers400WhenFromIsMissing() {
		Answer answer = this.client.post("/sim/inbound", "application/json", "{\"To\":\"+15005550006\"}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(this.receiver.requests()).isEmpty();
	}

	@Test
	void answers502WhenTheInboundReceiverIsUnreachable() {
		this.receiver.close();

		Answer answer = this.client.post("/sim/inbound", "application/x-www-form-urlencoded",
				"From=%2B13125550702&To=%2B15005550006&Body=STOP");

		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.json()).containsEntry("code", 11200);
	}

}
