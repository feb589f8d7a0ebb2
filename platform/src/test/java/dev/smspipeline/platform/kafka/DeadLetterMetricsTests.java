package dev.smspipeline.platform.kafka;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

import dev.smspipeline.platform.kafka.DeadLetterMetrics.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterMetricsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DeadLetterMetrics metrics = new DeadLetterMetrics(this.meters);

	@Test
	void tellsUnreadableFromInvalidFromFailingRecords() {
		DeserializationException unreadable = new DeserializationException("bad", new byte[0], false,
				new SerializationException());
		assertThat(Reason.of(new ListenerExecutionFailedException("failed", unreadable)))
			.isEqualTo(Reason.DESERIALIZATION);
		assertThat(Reason.of(new Invalid())).isEqualTo(Reason.VALIDATION);
		assertThat(Reason.of(new IllegalArgumentException("no account"))).isEqualTo(Reason.VALIDATION);
		assertThat(Reason.of(new IllegalStateException("database down"))).isEqualTo(Reason.PROCESSING);
	}

	@Test
	void countsADeadLetterByTheExceptionHeadersOfTheRecoverer() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN,
				ListenerExecutionFailedException.class.getName().getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, Invalid.class.getName().getBytes(StandardCharsets.UTF_8));

		this.metrics.count("sms.opt-outs.DLT", headers);

		assertThat(this.meters.get(DeadLetterMetrics.NAME)
			.tag("topic", "sms.opt-outs.DLT")
			.tag("reason", "VALIDATION")
			.counter()
			.count()).isEqualTo(1);
	}

	static class Invalid extends RuntimeException implements InvalidRecord {

	}

}
