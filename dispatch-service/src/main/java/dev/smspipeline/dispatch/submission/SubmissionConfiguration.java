package dev.smspipeline.dispatch.submission;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.dispatch.carrier.Carrier;

/**
 * Wires the submission flow to the carrier, the {@code submission} table and the
 * transactional Kafka template.
 */
@Configuration(proxyBeanMethods = false)
class SubmissionConfiguration {

	@Bean
	SubmissionFlow submissionFlow(Carrier carrier, JdbcClient jdbc, KafkaTemplate<String, SpecificRecord> kafka,
			DispatchSettings settings, MeterRegistry meters) {
		return new SubmissionFlow(carrier, new Submissions(jdbc), new StatusPublisher(kafka), settings, meters,
				Clock.systemUTC(), Pause.SLEEP, () -> ThreadLocalRandom.current().nextDouble());
	}

}
