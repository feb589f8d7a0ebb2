package dev.smspipeline.simulator.messages;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.TwilioClient.Answer;

import static dev.smspipeline.simulator.support.TwilioClient.message;
import static org.assertj.core.api.Assertions.assertThat;

class CreateMessageIntegrationTests {

	private final CarrierSimulator simulator = CarrierSimulator.start(SimulatorSettings.forTests());

	private final TwilioClient client = new TwilioClient(this.simulator);

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void answers201WithATwilioMessageResource() {
		Answer answer = this.client.create(message("+13125550100", "Hello Ada", null));

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		Map<String, Object> resource = answer.json();
		assertThat((String) resource.get("sid")).matches("SM[0-9a-f]{32}");
		assertThat(resource).containsEntry("account_sid", this.simulator.accountSid())
			.containsEntry("to", "+13125550100")
			.containsEntry("from", "+15005550006")
			.containsEntry("body", "Hello Ada")
			.containsEntry("status", "queued")
			.containsEntry("num_segments", "1")
			.containsEntry("direction", "outbound-api")
			.containsEntry("api_version", "2010-04-01")
			.containsEntry("error_code", null)
			.containsEntry("error_message", null)
			.containsEntry("uri", "/2010-04-01/Accounts/" + this.simulator.accountSid() + "/Messages/"
					+ resource.get("sid") + ".json");
		assertThat((String) resource.get("date_created")).matches("\\w{3}, \\d{2} \\w{3} \\d{4} [0-9:]{8} \\+0000");
	}

	@Test
	void answers401WithTwilioErrorWhenCredentialsAreMissing() {
		Answer answer = this.client.create(this.simulator.accountSid(), null, message("+13125550101", "Hi", null),
				"Idempotency-Key", null);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json()).containsEntry("code", 20003)
			.containsEntry("message", "Authenticate")
			.containsEntry("more_info", "https://www.twilio.com/docs/errors/20003")
			.containsEntry("status", 401);
	}

	@Test
	void answers401WhenTheAuthTokenIsWrong() {
		Answer answer = this.client.create(this.simulator.accountSid(),
				TwilioClient.basic(this.simulator.accountSid(), "not-the-token"), message("+13125550102", "Hi", null),
				"Idempotency-Key", null);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.json()).containsEntry("code", 20003);
	}

	@Test
	void answers401WhenThePathNamesAnotherAccount() {
		String other = "AC" + "f".repeat(32);
		Answer answer = this.client.create(other,
				TwilioClient.basic(this.simulator.accountSid(), this.simulator.authToken()),
				message("+13125550103", "Hi", null), "Idempotency-Key", null);

		assertThat(answer.status()).isEqualTo(401);
	}

	@Test
	void answers400With21604WhenToIsMissing() {
		Answer answer = this.client.create(Map.of("From", "+15005550006", "Body", "Hi"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("code", 21604)
			.containsEntry("message", "A 'To' phone number is required.")
			.containsEntry("status", 400);
	}

	@Test
	void answers400With21602WhenBodyIsMissing() {
		Answer answer = this.client.create(Map.of("To", "+13125550104", "From", "+15005550006"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("code", 21602);
	}

	@Test
	void answers400With21211WhenToIsNotANumber() {
		Answer answer = this.client.create(message("lead@example.com", "Hi", null));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("code", 21211);
	}

	@Test
	void countsTheSegmentsOfALongBody() {
		Answer answer = this.client.create(message("+13125550105", "x".repeat(200), null));

		assertThat(answer.json()).containsEntry("num_segments", "2");
	}

	@Test
	void answersTwilioShaped404ForAnUnknownPath() {
		Answer answer = this.client.get("/2010-04-01/Accounts/x/Calls.json");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json()).containsEntry("code", 20404);
	}

}
