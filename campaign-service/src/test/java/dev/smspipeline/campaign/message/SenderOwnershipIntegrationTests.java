package dev.smspipeline.campaign.message;

import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.campaign.support.Operator;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text goes only from a number its account owns: a named sender of another account is
 * refused naming {@code sender}, a named own sender goes out in its canonical form, and a
 * text that names none goes from the account's default sender.
 */
@CampaignServiceTest
class SenderOwnershipIntegrationTests {

	private static TopicProbe<MessageRequested> requests;

	@LocalServerPort
	int port;

	@BeforeAll
	static void openProbe() {
		requests = TopicProbe.of(Topics.MESSAGE_REQUESTED);
	}

	@AfterAll
	static void closeProbe() {
		requests.close();
	}

	@Test
	void aOneOffFromAnotherAccountsNumberIsRefusedNamingTheSender() {
		String number = Numbers.chicago();
		operator().create(withSenders(Operator.newAccountId(), number, "LONG_CODE"));
		TestAccount intruder = operator().readyKey(operator().create());

		ApiResponse answer = http(intruder).postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "Your bank account is locked", "sender": "%s"}"""
			.formatted(Numbers.newYork(), number));

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.body()).contains("\"sender\"").contains("is not one of this account's sender numbers");
	}

	@Test
	void aOneOffFromItsOwnNumberGoesFromItInCanonicalForm() {
		String number = Numbers.losAngeles();
		String national = "(" + number.substring(2, 5) + ") " + number.substring(5, 8) + "-" + number.substring(8);
		TestAccount owner = operator()
			.readyKey(operator().create(withSenders(Operator.newAccountId(), number, "LONG_CODE")));

		String messageId = awaitAccepted(owner, """
				{"recipient": "%s", "body": "See you at 3", "sender": "%s"}""".formatted(Numbers.newYork(), national));

		assertThat(requests.await((request) -> request.getMessageId().equals(messageId)).getSender()).isEqualTo(number);
	}

	@Test
	void aOneOffNamingNoSenderGoesFromTheAccountsDefaultSender() {
		String shortCode = String.valueOf(ThreadLocalRandom.current().nextInt(10000, 1000000));
		TestAccount owner = operator()
			.readyKey(operator().create(withSenders(Operator.newAccountId(), shortCode, "SHORT_CODE")));

		String messageId = OneOffs.send(http(owner), Numbers.newYork(), "Your code is 4711").json("$.messageId");

		assertThat(requests.await((request) -> request.getMessageId().equals(messageId)).getSender())
			.isEqualTo(shortCode);
	}

	@Test
	void aCampaignFromAnotherAccountsNumberIsRefusedNamingTheSender() {
		String number = Numbers.toronto();
		operator().create(withSenders(Operator.newAccountId(), number, "LONG_CODE"));
		TestAccount intruder = operator().readyKey(operator().create());

		ApiResponse answer = http(intruder).postJson("/api/v1/campaigns", """
				{"name": "Spring sale", "body": "Hi", "sender": "%s",
				 "recipients": [{"phone": "%s"}]}""".formatted(number, Numbers.newYork()));

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.body()).contains("\"sender\"");
	}

	private String awaitAccepted(TestAccount account, String json) {
		ApiResponse[] accepted = new ApiResponse[1];
		Awaitility.await().atMost(Operator.PROPAGATION).untilAsserted(() -> {
			accepted[0] = http(account).postJson("/api/v1/messages", json);
			assertThat(accepted[0].status()).as(accepted[0].body()).isEqualTo(202);
		});
		return accepted[0].json("$.messageId");
	}

	private static String withSenders(String id, String number, String kind) {
		return """
				{"id": "%s", "senders": [{"number": "%s", "kind": "%s"}]}""".formatted(id, number, kind);
	}

	private Http http(TestAccount account) {
		return Http.as(account, this.port);
	}

	private Operator operator() {
		return Operator.at(this.port);
	}

}
