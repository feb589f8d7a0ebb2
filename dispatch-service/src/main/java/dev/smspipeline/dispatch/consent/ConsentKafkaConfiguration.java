package dev.smspipeline.dispatch.consent;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;

import dev.smspipeline.platform.kafka.deadletter.ListenerContainers;
import dev.smspipeline.platform.kafka.deadletter.RetryPolicy;

/**
 * The error handler of Boot's default listener container factory, which the
 * {@code sms.campaign-events} and {@code sms.opt-outs} listeners use: a record that
 * cannot be deserialized (Boot's {@code ErrorHandlingDeserializer}), is refused by a
 * listener (a {@code RejectedRecordException}, its reason code in {@code x-reason}) or is
 * otherwise invalid ({@code IllegalArgumentException}) goes to {@code <topic>.DLT} at
 * once, same partition; one whose processing throws is tried three times, a second apart,
 * first ({@link #RETRY}, {@code sms.kafka.retry.consent.*}).
 */
@Configuration(proxyBeanMethods = false)
class ConsentKafkaConfiguration {

	/** Two retries a second apart; an {@code IllegalArgumentException} is not retried. */
	static final RetryPolicy RETRY = RetryPolicy.fixed(Duration.ofSeconds(1), 2)
		.notRetrying(IllegalArgumentException.class);

	@Bean
	CommonErrorHandler consentErrorHandler(ListenerContainers containers) {
		return containers.errorHandler("consent", RETRY);
	}

}
