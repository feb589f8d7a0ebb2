package dev.smspipeline.simulator.messages;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.support.TwilioClient;
import dev.smspipeline.simulator.support.TwilioClient.Answer;

import static dev.smspipeline.simulator.support.TwilioClient.message;
import static org.assertj.core.api.Assertions.assertThat;

class SimMessagesIntegrationTests {

	private final CarrierSimulator simulator = CarrierSimulator.start(SimulatorSettings.forTests());

	private final TwilioClient client = new TwilioClient(this.simulator);

	@AfterEach
	void close() {
		this.simulator.close();
	}

	@Test
	void listsEveryCreateWithItsFieldsInArrivalOrder() {
		long before = System.currentTimeMillis();
		Answer accepted = this.client.create(message("+13125550400", "one", "http://127.0.0.1:1/cb?messageId=1"),
				"k-1");
		this.client.create(message("+13125550400", "two", null));
		this.client.create(message("+13125550400", "one", null), "k-1");
		this.client.create(message("+14152010400", "landline", null));

		List<Map<String, Object>> listed = this.client.get("/sim/messages").jsonArray();

		assertThat(listed).extracting((entry) -> entry.get("outcome"))
			.containsExactly("accepted", "rate_limited", "duplicate", "error");
		Map<String, Object> first = listed.get(0);
		assertThat(first).containsEntry("to", "+13125550400")
			.containsEntry("from", "+15005550006")
			.containsEntry("body", "one")
			.containsEntry("idempotencyKey", "k-1")
			.containsEntry("sid", accepted.json().get("sid"))
			.containsEntry("httpStatus", 201)
			.containsEntry("statusCallback", "http://127.0.0.1:1/cb?messageId=1");
		assertThat(((Number) first.get("receivedAt")).longValue()).isBetween(before, System.currentTimeMillis());
		assertThat(listed.get(1)).containsEntry("idempotencyKey", null)
			.containsEntry("httpStatus", 429)
			.containsEntry("sid", null)
			.containsEntry("errorCode", 20429);
		assertThat(listed.get(3)).containsEntry("httpStatus", 400).containsEntry("errorCode", 21614);
	}

	@Test
	void listsTheSameMessagesAsTheProgrammaticApi() {
		this.client.create(message("+13125550401", "one", null));
		this.client.create(message("+13125550402", "two", null));

		List<Map<String, Object>> listed = this.client.get("/sim/messages").jsonArray();

		assertThat(listed).extracting((entry) -> entry.get("sid"))
			.containsExactlyElementsOf(this.simulator.receivedMessages().stream().map(ReceivedMessage::sid).toList());
	}

	@Test
	void keepsOneRecipientWithTheToFilter() {
		this.client.create(message("+13125550403", "one", null));
		this.client.create(message("+13125550404", "two", null));

		assertThat(this.client.get("/sim/messages?to=%2B13125550404").jsonArray())
			.extracting((entry) -> entry.get("body"))
			.containsExactly("two");
	}

	@Test
	void deleteClearsTheLog() {
		this.client.create(message("+13125550405", "one", null));

		assertThat(this.client.delete("/sim/messages").status()).isEqualTo(204);

		assertThat(this.client.get("/sim/messages").jsonArray()).isEmpty();
		assertThat(this.simulator.receivedMessages()).isEmpty();
	}

	@Test
	void deleteForgetsTheRateWindowOfEveryNumber() {
		this.client.create(message("+13125550406", "one", null));

		this.client.delete("/sim/messages");

		assertThat(this.client.create(message("+13125550406", "two", null)).status()).isEqualTo(201);
	}

	@Test
	void deleteForgetsThatA207NumberWasAlreadyRateLimited() {
		this.client.create(message("+14152070406", "one", null));

		this.simulator.clear();

		assertThat(this.client.create(message("+14152070406", "one", null)).status()).isEqualTo(429);
	}

	@Test
	void answersHealthUp() {
		Answer health = this.client.get("/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json()).containsEntry("status", "UP");
	}

}
