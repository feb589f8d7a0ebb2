package dev.smspipeline.status.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.CarrierCallbacks;
import dev.smspipeline.status.CarrierCallbacks.Callback;
import dev.smspipeline.status.StatusEvents;
import dev.smspipeline.status.StoredMessages;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.accounts.AccountsTopic;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A lead's replies through the signed inbound webhook, against the real broker and store.
 * Every test has its own lead and sender numbers, so it sees only its own opt-out
 * changes.
 */
@ServiceIntegrationTest
class InboundMessageIntegrationTests {

	/**
	 * Mapped to globex in the test configuration's {@code sms.inbound.sender-accounts}.
	 */
	private static final String MAPPED_SENDER = "+15005550199";

	private static TopicProbe<OptOutChange> optOuts;

	private final CarrierCallbacks carrier;

	private final StatusEvents events;

	private final String baseUrl;

	private final MeterRegistry meters;

	InboundMessageIntegrationTests(@LocalServerPort int port, @Autowired CallbackSettings settings,
			@Autowired KafkaTemplate<String, SpecificRecord> kafka, @Autowired MeterRegistry meters) {
		this.baseUrl = "http://localhost:" + port;
		this.carrier = new CarrierCallbacks(this.baseUrl, settings);
		this.events = new StatusEvents(kafka);
		this.meters = meters;
	}

	@BeforeAll
	static void openProbe() {
		optOuts = TopicProbe.of(Topics.OPT_OUTS);
	}

	@AfterAll
	static void closeProbe() {
		optOuts.close();
	}

	@Test
	void publishesAnOptOutForTheAccountThatTextedTheLeadBeforeAnswering() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);
		Callback stop = this.carrier.inbound(lead, sender, "STOP");

		ApiResponse response = this.carrier.post(stop);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/xml");
		assertThat(response.body()).endsWith("<Response/>");
		ConsumerRecord<String, OptOutChange> record = optOuts
			.awaitRecord((r) -> r.value() != null && r.value().getRecipient().equals(lead));
		assertThat(record.key()).isEqualTo("acme:" + lead);
		OptOutChange change = record.value();
		assertThat(change.getEventId()).isEqualTo(stop.form().get("MessageSid") + ":acme");
		assertThat(change.getAccountId()).isEqualTo("acme");
		assertThat(change.getAction()).isEqualTo(OptOutAction.OPT_OUT);
		assertThat(change.getSource()).isEqualTo(OptOutSource.INBOUND_KEYWORD);
		assertThat(change.getKeyword()).isEqualTo("STOP");
		assertThat(change.getSender()).isEqualTo(sender);
		assertThat(change.getOccurredAt()).isNotNull();
	}

	@Test
	void publishesOneChangePerAccountThatTextedTheLeadFromThatNumber() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);
		textedBefore(TestAccount.GLOBEX, lead, sender);
		textedBefore(TestAccount.GLOBEX, lead, newNumber("+1500"));

		assertThat(this.carrier.post(this.carrier.inbound(lead, sender, "unsubscribe")).status()).isEqualTo(200);

		optOuts.await((c) -> c.getRecipient().equals(lead) && c.getAccountId().equals("acme"));
		optOuts.await((c) -> c.getRecipient().equals(lead) && c.getAccountId().equals("globex"));
		assertThat(optOuts.values((c) -> c.getRecipient().equals(lead))).extracting(OptOutChange::getAccountId)
			.containsExactlyInAnyOrder("acme", "globex");
	}

	@Test
	void publishesAnOptInForStart() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);

		assertThat(this.carrier.post(this.carrier.inbound(lead, sender, "STOP")).status()).isEqualTo(200);
		assertThat(this.carrier.post(this.carrier.inbound(lead, sender, "start")).status()).isEqualTo(200);

		optOuts.await((c) -> c.getRecipient().equals(lead) && c.getAction() == OptOutAction.OPT_IN);
		assertThat(optOuts.values((c) -> c.getRecipient().equals(lead)))
			.extracting(OptOutChange::getAction, OptOutChange::getKeyword)
			.containsExactly(tuple(OptOutAction.OPT_OUT, "STOP"), tuple(OptOutAction.OPT_IN, "START"));
	}

	@Test
	void recognisesTheKeywordInAnyCaseWithSpacesAndPunctuationAround() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);
		List<Callback> replies = List.of(this.carrier.inbound(lead, sender, "Stop"),
				this.carrier.inbound(lead, sender, "\u00a1stop!"), this.carrier.inbound(lead, sender, "  QUIT. "));

		replies.forEach((reply) -> assertThat(this.carrier.post(reply).status()).isEqualTo(200));

		for (Callback reply : replies) {
			OptOutChange change = optOuts.await((c) -> c.getEventId().equals(reply.form().get("MessageSid") + ":acme"));
			assertThat(change.getAction()).isEqualTo(OptOutAction.OPT_OUT);
		}
		assertThat(optOuts.values((c) -> c.getRecipient().equals(lead))).extracting(OptOutChange::getKeyword)
			.containsExactly("STOP", "STOP", "QUIT");
	}

	@Test
	void aSentenceThatStartsWithAKeywordChangesNothing() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);

		assertThat(this.carrier.post(this.carrier.inbound(lead, sender, "Yes, see you at 3")).status()).isEqualTo(200);
		assertThat(this.carrier.post(this.carrier.inbound(lead, sender, "Cancel my 3pm")).status()).isEqualTo(200);

		assertOnlyTheMarkerPublishedFor(lead, sender);
	}

	@Test
	void aReplayedReplyChangesNothing() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);
		Callback stop = this.carrier.inbound(lead, sender, "STOP");
		Callback start = this.carrier.inbound(lead, sender, "START");
		assertThat(this.carrier.post(stop).status()).isEqualTo(200);
		assertThat(this.carrier.post(start).status()).isEqualTo(200);

		assertThat(this.carrier.post(stop).status()).isEqualTo(200);

		Callback marker = this.carrier.inbound(lead, sender, "START");
		assertThat(this.carrier.post(marker).status()).isEqualTo(200);
		optOuts.await((c) -> c.getEventId().equals(marker.form().get("MessageSid") + ":acme"));
		assertThat(optOuts.values((c) -> c.getRecipient().equals(lead))).extracting(OptOutChange::getEventId)
			.containsExactly(stop.form().get("MessageSid") + ":acme", start.form().get("MessageSid") + ":acme",
					marker.form().get("MessageSid") + ":acme");
	}

	@Test
	void aReplayedStartCannotLiftTheLeadsLaterStop() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);
		Callback start = this.carrier.inbound(lead, sender, "START");
		Callback stop = this.carrier.inbound(lead, sender, "STOP");
		assertThat(this.carrier.post(start).status()).isEqualTo(200);
		assertThat(this.carrier.post(stop).status()).isEqualTo(200);

		assertThat(this.carrier.post(start).status()).isEqualTo(200);

		Callback marker = this.carrier.inbound(lead, sender, "STOP");
		assertThat(this.carrier.post(marker).status()).isEqualTo(200);
		optOuts.await((c) -> c.getEventId().equals(marker.form().get("MessageSid") + ":acme"));
		assertThat(optOuts.values((c) -> c.getRecipient().equals(lead))).extracting(OptOutChange::getEventId)
			.containsExactly(start.form().get("MessageSid") + ":acme", stop.form().get("MessageSid") + ":acme",
					marker.form().get("MessageSid") + ":acme");
	}

	@Test
	void optsOutOnlyOfTheAccountThatOwnsTheNumberTheLeadAnswered() {
		String lead = newNumber("+1415");
		String clinicNumber = newNumber("+1500");
		String salonNumber = newNumber("+1500");
		TestAccount clinic = new TestAccount("clinic-" + UUID.randomUUID().toString().substring(0, 8),
				"sk_clinic_" + UUID.randomUUID());
		TestAccount salon = new TestAccount("salon-" + UUID.randomUUID().toString().substring(0, 8),
				"sk_salon_" + UUID.randomUUID());
		AccountsTopic.publish(clinic, List.of(clinicNumber));
		AccountsTopic.publish(salon, List.of(salonNumber));
		textedBefore(clinic, lead, clinicNumber);
		textedBefore(salon, lead, salonNumber);

		assertThat(this.carrier.post(this.carrier.inbound(lead, clinicNumber, "STOP")).status()).isEqualTo(200);

		optOuts.await((c) -> c.getRecipient().equals(lead) && c.getAccountId().equals(clinic.id()));
		Callback marker = this.carrier.inbound(lead, salonNumber, "START");
		assertThat(this.carrier.post(marker).status()).isEqualTo(200);
		optOuts.await((c) -> c.getEventId().equals(marker.form().get("MessageSid") + ":" + salon.id()));
		assertThat(optOuts.values((c) -> c.getRecipient().equals(lead)))
			.extracting(OptOutChange::getAccountId, OptOutChange::getAction)
			.containsExactly(tuple(clinic.id(), OptOutAction.OPT_OUT), tuple(salon.id(), OptOutAction.OPT_IN));
	}

	@Test
	void refusesAForgedReplyAndPublishesNothing() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);
		Callback stop = this.carrier.inbound(lead, sender, "STOP");
		String signedForOtherContent = this.carrier.sign(stop.with("Body", "hello"));

		ApiResponse forged = this.carrier.post(stop, signedForOtherContent);
		ApiResponse unsigned = this.carrier.post(stop, null);

		assertThat(forged.status()).isEqualTo(403);
		assertThat(forged.contentType()).startsWith("application/problem+json");
		assertThat(unsigned.status()).isEqualTo(403);
		assertOnlyTheMarkerPublishedFor(lead, sender);
	}

	@Test
	void answersHelpWithTheConfiguredTextAndPublishesNothing() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);

		ApiResponse response = this.carrier.post(this.carrier.inbound(lead, sender, "help"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/xml");
		assertThat(response.body()).endsWith("<Response><Message>Acme alerts: reply STOP to opt out &amp; "
				+ "START to opt in. &lt;help@acme.test&gt;</Message></Response>");
		assertOnlyTheMarkerPublishedFor(lead, sender);
	}

	@Test
	void answersHelpWithTheHelpTextOfTheAccountThatOwnsTheNumberTheLeadWroteTo() {
		String lead = newNumber("+1415");
		String clinicNumber = newNumber("+1500");
		String salonNumber = newNumber("+1500");
		TestAccount clinic = newAccount("clinic");
		TestAccount salon = newAccount("salon");
		AccountsTopic.publish(clinic, List.of(clinicNumber), "Spring Clinic: appointment texts. Call 555-0101.");
		AccountsTopic.publish(salon, List.of(salonNumber), "Salon & Spa <salon.test>: bookings. Reply STOP to end.");

		awaitHelpAnswer(lead, clinicNumber, "Spring Clinic: appointment texts. Call 555-0101.");
		awaitHelpAnswer(lead, salonNumber, "Salon &amp; Spa &lt;salon.test&gt;: bookings. Reply STOP to end.");
	}

	@Test
	void answersInfoLikeHelp() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		AccountsTopic.publish(newAccount("clinic"), List.of(sender), "Spring Clinic: appointment texts.");

		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.carrier.post(this.carrier.inbound(lead, sender, "INFO")).body())
				.endsWith("<Response><Message>Spring Clinic: appointment texts.</Message></Response>"));
	}

	@Test
	void answersHelpWithTheConfiguredTextWhenTheOwnerHasNoHelpTextOfItsOwn() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		TestAccount owner = newAccount("owner");
		AccountsTopic.publish(owner, List.of(sender), "Owner help text.");
		awaitHelpAnswer(lead, sender, "Owner help text.");

		AccountsTopic.publish(owner, List.of(sender), null);

		awaitHelpAnswer(lead, sender,
				"Acme alerts: reply STOP to opt out &amp; START to opt in. &lt;help@acme.test&gt;");
	}

	@Test
	void answersAnythingElseWithAnEmptyResponseAndPublishesNothing() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		textedBefore(TestAccount.ACME, lead, sender);

		ApiResponse response = this.carrier.post(this.carrier.inbound(lead, sender, "please call me tomorrow"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).endsWith("<Response/>");
		assertOnlyTheMarkerPublishedFor(lead, sender);
	}

	@Test
	void attributesAReplyToAConfiguredSenderNumberWithoutHistory() {
		String lead = newNumber("+1415");

		ApiResponse response = this.carrier.post(this.carrier.inbound(lead, MAPPED_SENDER, "STOP"));

		assertThat(response.status()).isEqualTo(200);
		ConsumerRecord<String, OptOutChange> record = optOuts
			.awaitRecord((r) -> r.value() != null && r.value().getRecipient().equals(lead));
		assertThat(record.key()).isEqualTo("globex:" + lead);
		assertThat(record.value().getSender()).isEqualTo(MAPPED_SENDER);
	}

	@Test
	void keepsAReplyNoAccountCanBeFoundForAndAppliesItOnceTheNumbersOwnerIsKnown() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		double before = unattributed();

		ApiResponse response = this.carrier.post(this.carrier.inbound(lead, sender, "STOP"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).endsWith("<Response/>");
		assertThat(unattributed()).isEqualTo(before + 1);
		TestAccount owner = new TestAccount("owner-" + UUID.randomUUID().toString().substring(0, 8),
				"sk_owner_" + UUID.randomUUID());
		AccountsTopic.publish(owner, List.of(sender));
		OptOutChange change = optOuts.await((c) -> c.getRecipient().equals(lead));
		assertThat(change.getAccountId()).isEqualTo(owner.id());
		assertThat(change.getAction()).isEqualTo(OptOutAction.OPT_OUT);
	}

	@Test
	void showsAKeptReplyAsPendingWithItsAgeUntilItIsApplied() {
		String lead = newNumber("+1415");
		String sender = newNumber("+1500");
		assertThat(this.carrier.post(this.carrier.inbound(lead, sender, "STOP")).status()).isEqualTo(200);

		double pending = Awaitility.await("the kept reply counted as pending")
			.atMost(Duration.ofSeconds(30))
			.until(() -> (this.meters.get("sms.inbound.replies.pending.oldest").gauge().value() >= 1)
					? this.meters.get("sms.inbound.replies.pending").gauge().value() : 0.0, (count) -> count >= 1);

		AccountsTopic.publish(new TestAccount("owner-" + UUID.randomUUID().toString().substring(0, 8),
				"sk_owner_" + UUID.randomUUID()), List.of(sender));
		optOuts.await((c) -> c.getRecipient().equals(lead));
		Awaitility.await("one reply fewer pending")
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.get("sms.inbound.replies.pending").gauge().value() < pending);
	}

	@Test
	void declaresTheOptOutTopicCompacted() throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.OPT_OUTS);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.shared().kafkaBootstrapServers()))) {
			Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
			assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
				.isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
		}
	}

	/**
	 * Posts a genuine START for the lead and waits for it: it is keyed like anything an
	 * earlier request of the test could have published for the lead, so lands on the same
	 * partition after it (the webhook answers only after the broker acknowledged); once
	 * the marker is read, that would have been read too.
	 */
	private void assertOnlyTheMarkerPublishedFor(String lead, String sender) {
		Callback marker = this.carrier.inbound(lead, sender, "START");
		assertThat(this.carrier.post(marker).status()).isEqualTo(200);
		String markerEvent = marker.form().get("MessageSid") + ":acme";
		optOuts.await((c) -> c.getEventId().equals(markerEvent));
		assertThat(optOuts.values((c) -> c.getRecipient().equals(lead))).extracting(OptOutChange::getEventId)
			.containsExactly(markerEvent);
	}

	/** Stores a text of {@code account} to {@code lead} from {@code sender}. */
	private void textedBefore(TestAccount account, String lead, String sender) {
		String messageId = UUID.randomUUID().toString();
		this.events.publish(StatusEvents.status(account.id(), messageId, MessageStatus.REQUESTED)
			.setRecipient(lead)
			.setSender(sender));
		StoredMessages.await(ApiClient.as(account, this.baseUrl), messageId,
				StoredMessages.hasStatus(MessageStatus.REQUESTED));
	}

	/**
	 * Posts HELP until it is answered with {@code escapedText}: accounts apply as read.
	 */
	private void awaitHelpAnswer(String lead, String sender, String escapedText) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ApiResponse response = this.carrier.post(this.carrier.inbound(lead, sender, "HELP"));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).endsWith("<Response><Message>" + escapedText + "</Message></Response>");
		});
	}

	private static TestAccount newAccount(String prefix) {
		return new TestAccount(prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
				"sk_" + prefix + "_" + UUID.randomUUID());
	}

	private double unattributed() {
		return this.meters.counter("sms.inbound.unattributed").count();
	}

	private static String newNumber(String prefix) {
		return prefix + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
	}

}
