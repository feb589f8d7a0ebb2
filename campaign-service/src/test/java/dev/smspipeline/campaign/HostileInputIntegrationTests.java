package dev.smspipeline.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.DeadLetterProbe;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.Records;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input the database or the rest of the pipeline cannot take is refused at the door with
 * a 400 naming the field, never a 500, and never passed on to wedge a consumer
 * downstream.
 */
@CampaignServiceTest
class HostileInputIntegrationTests {

	private static final String NUL = "\\u0000";

	private static DeadLetterProbe campaignEventDeadLetters;

	@LocalServerPort
	int port;

	@BeforeAll
	static void openProbe() {
		campaignEventDeadLetters = DeadLetterProbe.of(Topics.deadLetter(Topics.CAMPAIGN_EVENTS));
	}

	@AfterAll
	static void closeProbe() {
		campaignEventDeadLetters.close();
	}

	@Test
	void refusesACampaignNameHoldingNulWith400InsteadOfA500() {
		ApiResponse response = acme().postJson("/api/v1/campaigns", """
				{"name": "Spring%ssale", "body": "Hi"}""".formatted(NUL));

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("name");
		assertThat(response.<String>json("$.errors[0].reason")).contains("NUL");
	}

	@Test
	void refusesAnInlineRecipientWhoseAttributeHoldsNulNamingTheRecipient() {
		ApiResponse response = acme().postJson("/api/v1/campaigns", """
				{"name": "Nul", "body": "Hi {{firstName}}",
				 "recipients": [{"phone": "%s"}, {"phone": "%s", "attributes": {"firstName": "A%sB"}}]}"""
			.formatted(Numbers.newYork(), Numbers.chicago(), NUL));

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("recipients[1]");
	}

	@Test
	void reportsCsvRowsHoldingNulAsBrokenByLineAndKeepsTheOthers() {
		ApiResponse created = acme().postJson("/api/v1/campaigns", """
				{"name": "Nul CSV", "body": "Hi {{firstName}}"}""");
		String id = created.json("$.id");

		ApiResponse report = acme().uploadCsv("/api/v1/campaigns/" + id + "/audience",
				"phone,firstName\n" + Numbers.newYork() + ",Ada\n" + Numbers.chicago() + ",Gr\0ce\n"
						+ "+1415555\u00000100,Alan\n" + Numbers.losAngeles() + ",Edsger\n");

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.<Integer>json("$.added")).isEqualTo(2);
		assertThat(report.<Integer>json("$.brokenRows")).isEqualTo(2);
		assertThat(report.<java.util.List<Integer>>json("$.errors[*].line")).containsExactly(3, 4);
		assertThat(report.<String>json("$.errors[0].reason")).contains("NUL");
	}

	@Test
	void refusesAOneOffSenderOrCampaignIdTheStoreCouldNotKeyWith400() {
		ApiResponse longSender = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "Hi", "sender": "%s"}""".formatted(Numbers.newYork(), "9".repeat(33)));
		ApiResponse longCampaign = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "Hi", "campaignId": "%s"}""".formatted(Numbers.newYork(),
				"c".repeat(5000)));
		ApiResponse nulCampaign = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "Hi", "campaignId": "c%s1"}""".formatted(Numbers.newYork(), NUL));

		assertThat(longSender.status()).as(longSender.body()).isEqualTo(400);
		assertThat(longSender.<String>json("$.errors[0].field")).isEqualTo("sender");
		assertThat(longCampaign.status()).as(longCampaign.body()).isEqualTo(400);
		assertThat(longCampaign.<String>json("$.errors[0].field")).isEqualTo("campaignId");
		assertThat(nulCampaign.status()).as(nulCampaign.body()).isEqualTo(400);
		assertThat(nulCampaign.<String>json("$.errors[0].reason")).contains("control characters");
	}

	@Test
	void refusesAJsonBodyOverTheDocumentLimitWith400InsteadOfRunningOutOfMemory() {
		ApiResponse response = acme().postJson("/api/v1/messages", """
				{"recipient": "%s", "body": "%s"}""".formatted(Numbers.newYork(), "a".repeat(16_000_001)));

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.detail")).contains("exceeds the maximum");
	}

	@Test
	void deadLettersARecordOfAnotherTypeOnTheCampaignEventsTopicWithItsOriginalBytes() {
		String key = "not-a-campaign-" + UUID.randomUUID();
		byte[] foreign = foreignRecord(key);

		Records.sendBytes(Topics.CAMPAIGN_EVENTS, key, foreign);

		ConsumerRecord<byte[], byte[]> dead = campaignEventDeadLetters
			.await((record) -> record.key() != null && key.equals(new String(record.key())));
		assertThat(DeadLetterProbe.header(dead, "x-reason")).isEqualTo("UNREADABLE");
		assertThat(dead.value()).isEqualTo(foreign);
	}

	@Test
	void keepsApplyingOptOutsAfterARecordOfAnotherTypeAndAnInvalidChangeWereDeadLettered() {
		// Each dead letter used to be written again as Avro under sms.opt-outs.DLT-value:
		// the
		// first type there (a DeliveryStatus) made the registry refuse the next (an
		// OptOutChange), its dead letter failed, and the partition retried it for ever,
		// leaving the STOP behind it unapplied.
		String number = "+14155558801";
		String key = "acme:" + number;
		Instant now = Instant.now();
		byte[] foreign = foreignRecord(key);
		Records.sendBytes(Topics.OPT_OUTS, key, foreign);
		OptOutChange invalid = OptOutChange.newBuilder(Records.reply("acme", number, OptOutAction.OPT_OUT, now))
			.setRecipient("not-a-number")
			.build();
		Records.send(Topics.OPT_OUTS, key, invalid);
		Records.optOutChange(Records.reply("acme", number, OptOutAction.OPT_OUT, now));

		try (DeadLetterProbe optOutDeadLetters = DeadLetterProbe.of(Topics.deadLetter(Topics.OPT_OUTS))) {
			ConsumerRecord<byte[], byte[]> unreadable = optOutDeadLetters
				.await((record) -> Arrays.equals(record.value(), foreign));
			assertThat(DeadLetterProbe.header(unreadable, "x-reason")).isEqualTo("UNREADABLE");
			ConsumerRecord<byte[], byte[]> rejected = optOutDeadLetters
				.await((record) -> "INVALID_OPT_OUT".equals(DeadLetterProbe.header(record, "x-reason"))
						&& record.key() != null && key.equals(new String(record.key())));
			assertThat(DeadLetterProbe.header(rejected, "kafka_dlt-exception-message")).contains("not-a-number");
		}
		Awaitility.await("the STOP behind them applies")
			.atMost(Duration.ofSeconds(30))
			.until(() -> acme().get("/api/v1/opt-outs/" + number).status() == 200);
	}

	/**
	 * A DeliveryStatus in the wire format, under the id its own subject gave it (the
	 * registry would refuse its schema under another topic's subject).
	 */
	private static byte[] foreignRecord(String id) {
		DeliveryStatus status = DeliveryStatus.newBuilder()
			.setEventId(id)
			.setMessageId(id)
			.setAccountId("acme")
			.setStatus(MessageStatus.SENT)
			.setOccurredAt(Instant.now())
			.setSource(StatusSource.DISPATCH)
			.setAttributes(Map.of())
			.build();
		try (AvroSerializer<DeliveryStatus> avro = new AvroSerializer<>()) {
			avro.configure(Map.of("schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl()), false);
			return avro.serialize(Topics.DELIVERY_STATUS, status);
		}
	}

	private Http acme() {
		return Http.as(TestAccount.ACME, this.port);
	}

}
