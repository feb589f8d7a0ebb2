package dev.smspipeline.platform.kafka.deadletter;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterPublisherTests {

	@Test
	void aRejectedRecordCarriesTheListenersCode() {
		assertThat(DeadLetterPublisher.reason(new ListenerExecutionFailedException("failed",
				new RejectedRecordException("UNKNOWN_ACCOUNT", "no such account"))))
			.isEqualTo("UNKNOWN_ACCOUNT");
	}

	@Test
	void aRecordThatCouldNotBeReadIsUnreadable() {
		assertThat(DeadLetterPublisher
			.reason(new DeserializationException("bad", new byte[] { 1 }, false, new SerializationException("magic"))))
			.isEqualTo("UNREADABLE");
		assertThat(DeadLetterPublisher.reason(new SerializationException("magic"))).isEqualTo("UNREADABLE");
	}

	@Test
	void anyOtherFailureIsAProcessingFailure() {
		assertThat(DeadLetterPublisher
			.reason(new ListenerExecutionFailedException("failed", new IllegalStateException("database down"))))
			.isEqualTo("PROCESSING_FAILED");
	}

}
