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
import dev.smspipeline.schemas.DeadLetterHeaders;

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

	@Test
	void countsADeadLetterByItsReasonCodeWhenTheCodeTells() {
		this.metrics.count("crm.sms-requests.DLT", reason("UNREADABLE"));
		this.metrics.count("crm.sms-requests.DLT", reason("UNKNOWN_ACCOUNT"));

		assertThat(this.meters.get(DeadLetterMetrics.NAME).tag("reason", "DESERIALIZATION").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get(DeadLetterMetrics.NAME).tag("reason", "VALIDATION").counter().count()).isEqualTo(1);
	}

	@Test
	void countsAProcessingFailureByItsExceptionClasses() {
		RecordHeaders headers = reason("PROCESSING_FAILED");
		headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
				IllegalStateException.class.getName().getBytes(StandardCharsets.UTF_8));

		assertThat(this.metrics.reasonOf(headers)).isEqualTo(Reason.PROCESSING);
	}

	private static RecordHeaders reason(String code) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(DeadLetterHeaders.REASON, code.getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	static class Invalid extends RuntimeException implements InvalidRecord {

	}

}
