package dev.smspipeline.dispatch.submission;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.smspipeline.dispatch.account.SenderOwnership;
import dev.smspipeline.dispatch.carrier.Carrier;
import dev.smspipeline.dispatch.throttle.PacingSettings;

/**
 * Wires the submission flow to the carrier, the {@code submission} table and the
 * idempotent Kafka producer.
 */
@Configuration(proxyBeanMethods = false)
class SubmissionConfiguration {

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService statusRetries() {
		return Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("status-retry-"));
	}

	@Bean
	SubmissionFlow submissionFlow(Carrier carrier, JdbcClient jdbc, KafkaTemplate<String, SpecificRecord> kafka,
			ScheduledExecutorService statusRetries, OptOutRecorder optOuts, SenderOwnership senders,
			DispatchSettings settings, PacingSettings pacing, MeterRegistry meters) {
		return new SubmissionFlow(carrier, new Submissions(jdbc), new EventPublisher(kafka, statusRetries), optOuts,
				senders, settings, pacing.pair().hold(), meters, Clock.systemUTC(),
				() -> ThreadLocalRandom.current().nextDouble());
	}

}
