package dev.smspipeline.campaign.progress;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.smspipeline.platform.kafka.KafkaTelemetry;
import dev.smspipeline.platform.kafka.deadletter.ListenerContainers;
import dev.smspipeline.platform.kafka.deadletter.RetryPolicy;

/**
 * The listener container of {@link SettlementListener}: batches of records, no Kafka
 * transaction (the listener writes only to the database), offsets committed once per poll
 * after the batch's database transaction committed (ack mode BATCH; a crash in between
 * delivers the batch again, and each text is found settled already). A failure (the
 * database is away) retries the whole batch with back-off up to 30 s apart, <em>without
 * end</em> ({@link #RETRY}, {@code sms.kafka.retry.settlements.*}): a lost settlement
 * would leave its campaign SENDING for good. Nothing is dead-lettered here:
 * {@code sms.delivery-status} is status-service's to judge, and a record this listener
 * cannot read is not a settlement.
 *
 * <p>
 * Its records are not observed ({@link KafkaTelemetry#unobserved}): it reads every status
 * of every text to find the few that settle a campaign text, and a consumer span and
 * timer per record were 70 % of its CPU (JFR, flat-out pipeline benchmark).
 */
@Configuration(proxyBeanMethods = false)
class SettlementKafkaConfiguration {

	static final String CONTAINER_FACTORY = "settlementsContainerFactory";

	/** 500 ms doubling up to 30 s apart, without end. */
	static final RetryPolicy RETRY = RetryPolicy.exponential(Duration.ofMillis(500), Duration.ofSeconds(30));

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> settlementsContainerFactory(
			ConsumerFactory<Object, Object> consumers, ListenerContainers containers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = containers.records("settlements", RETRY,
				consumers, AckMode.BATCH);
		factory.setBatchListener(true);
		return KafkaTelemetry.unobserved(factory);
	}

}
