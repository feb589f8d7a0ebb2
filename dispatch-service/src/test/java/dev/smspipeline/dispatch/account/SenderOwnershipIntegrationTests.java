package dev.smspipeline.dispatch.account;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import dev.smspipeline.dispatch.CarrierLog;
import dev.smspipeline.dispatch.DispatchIntegrationTest;
import dev.smspipeline.dispatch.MessageRequests;
import dev.smspipeline.dispatch.SimulatedCarrier;
import dev.smspipeline.dispatch.TextStatuses;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.testsupport.accounts.AccountsTopic;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dispatch sends a text only from a number its account owns on {@code sms.accounts}, or
 * from a shared number ({@code sms.senders.shared}, the default sender by default), and
 * refuses any other before the carrier call, whoever wrote the request. Every test
 * publishes accounts of its own with fresh numbers, so no state left on the shared broker
 * by another run can own them.
 */
@DispatchIntegrationTest
class SenderOwnershipIntegrationTests {

	private static final String SHARED_DEFAULT_SENDER = "+15005550006";

	private static final CarrierSimulator carrier = SimulatedCarrier.shared();

	@RegisterExtension
	static final MessageRequests requests = MessageRequests.open();

	@RegisterExtension
	static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);

	@Autowired
	AccountDirectory accounts;

	@Test
	void rejectsATextFromAnotherAccountsSenderWithoutCallingTheCarrier() {
		String othersNumber = freshNumber();
		TestAccount account = publish(freshNumber());
		publish(othersNumber);
		MessageRequested foreign = from(account, othersNumber, "+14155556401");

		requests.send(foreign);

		DeliveryStatus rejected = statuses.await(TextStatuses.of(foreign, MessageStatus.REJECTED));
		assertThat(rejected.getReasonCode()).isEqualTo(SenderOwnership.SENDER_NOT_OWNED);
		assertThat(rejected.getSender()).isEqualTo(othersNumber);
		assertThat(CarrierLog.of(carrier).createsFor(List.of(foreign))).isEmpty();
	}

	@Test
	void sendsATextFromTheAccountsOwnSenderWrittenInItsNationalFormatFromTheCanonicalNumber() {
		String own = freshNumber();
		TestAccount account = publish(own);
		String national = "(" + own.substring(2, 5) + ") " + own.substring(5, 8) + "-" + own.substring(8);
		MessageRequested text = from(account, national, "+14155556402");

		requests.send(text);

		statuses.await(TextStatuses.of(text, MessageStatus.SUBMITTED));
		assertThat(CarrierLog.of(carrier).createsFor(List.of(text))).extracting(ReceivedMessage::from)
			.containsOnly(own);
	}

	@Test
	void sendsATextOfAnyAccountFromTheSharedDefaultSender() {
		TestAccount account = publish(freshNumber());
		MessageRequested text = from(account, SHARED_DEFAULT_SENDER, "+14155556403");

		requests.send(text);

		statuses.await(TextStatuses.of(text, MessageStatus.SUBMITTED));
		assertThat(CarrierLog.of(carrier).acceptedFor(List.of(text))).extracting(ReceivedMessage::from)
			.containsExactly(SHARED_DEFAULT_SENDER);
	}

	/** A fresh account owning {@code sender}, once this dispatch instance has read it. */
	private TestAccount publish(String sender) {
		TestAccount account = new TestAccount("senders-" + UUID.randomUUID(), "sk_test_" + UUID.randomUUID());
		AccountsTopic.publish(account, List.of(sender));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.accounts.ownerOf(sender).equals(Optional.of(new AccountId(account.id()))));
		return account;
	}

	private static MessageRequested from(TestAccount account, String sender, String recipient) {
		return MessageRequested.newBuilder(MessageRequests.to(recipient))
			.setAccountId(account.id())
			.setSender(sender)
			.build();
	}

	/** A valid San Francisco long code no other run has used, E.164. */
	private static String freshNumber() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "+14152" + (20 + random.nextInt(80)) + String.format("%04d", random.nextInt(10_000));
	}

}
