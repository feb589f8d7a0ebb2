package dev.smspipeline.testsupport.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;
import dev.smspipeline.events.ApiKeyEntry;
import dev.smspipeline.events.SenderEntry;
import dev.smspipeline.events.SenderKind;
import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerializer;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

/**
 * Publishes an account on the shared test broker's {@code sms.accounts}, as
 * campaign-service's admin API would, for services under test that learn their accounts
 * from the topic (every instance, including one started during a test).
 */
public final class AccountsTopic {

	private AccountsTopic() {
	}

	/**
	 * Publishes an active account with one key, and waits for the broker to have it.
	 * @param account the account and its key in clear
	 */
	public static void publish(TestAccount account) {
		publish(account, List.of());
	}

	/**
	 * Publishes an active account with one key and these long-code senders, newer than
	 * any state published for it before, and waits for the broker to have it.
	 * @param account the account and its key in clear
	 * @param senders its sender numbers, E.164
	 */
	public static void publish(TestAccount account, List<String> senders) {
		publish(account, senders, null);
	}

	/**
	 * Publishes an active account with one key, these long-code senders and its own
	 * answer to HELP, newer than any state published for it before, and waits for the
	 * broker to have it.
	 * @param account the account and its key in clear
	 * @param senders its sender numbers, E.164
	 * @param helpText its answer to HELP or INFO, or {@code null} for none
	 */
	public static void publish(TestAccount account, List<String> senders, String helpText) {
		AccountState state = AccountState.newBuilder()
			.setAccountId(account.id())
			.setName(account.id())
			.setStatus(AccountStatus.ACTIVE)
			.setApiKeys(List.of(ApiKeyEntry.newBuilder()
				.setKeyId("test")
				.setSha256(ApiKeyHash.of(account.apiKey()).hex())
				.setCreatedAt(Instant.now())
				.build()))
			.setSenders(senders.stream()
				.map((number) -> SenderEntry.newBuilder()
					.setNumber(number)
					.setKind(SenderKind.LONG_CODE)
					.setSegmentsPerSecond(1)
					.build())
				.toList())
			.setHelpText(helpText)
			.setVersion(System.currentTimeMillis())
			.setUpdatedAt(Instant.now())
			.build();
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.shared().kafkaBootstrapServers(), "schema.registry.url",
				TestInfrastructure.shared().schemaRegistryUrl(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>(Topics.ACCOUNTS, account.id(), state)).get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot publish account " + account.id(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
