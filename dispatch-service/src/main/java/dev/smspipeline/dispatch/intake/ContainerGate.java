package dev.smspipeline.dispatch.intake;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.smspipeline.dispatch.queue.IntakeGate;

/**
 * Pauses and resumes the {@code sms.message-requested} listener container (every
 * partition it holds). Spring Kafka applies both on the consumer thread before its next
 * poll, so they are safe from any thread.
 */
@Component
class ContainerGate implements IntakeGate {

	private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

	private volatile boolean paused;

	ContainerGate(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void pause() {
		this.paused = true;
		MessageListenerContainer container = container();
		if (container != null) {
			container.pause();
		}
	}

	@Override
	public void resume() {
		this.paused = false;
		MessageListenerContainer container = container();
		if (container != null) {
			container.resume();
		}
	}

	@Override
	public int pausedPartitions() {
		if (!this.paused) {
			return 0;
		}
		MessageListenerContainer container = container();
		return (container != null && container.getAssignedPartitions() != null)
				? container.getAssignedPartitions().size() : 0;
	}

	private MessageListenerContainer container() {
		KafkaListenerEndpointRegistry endpoints = this.registry.getIfAvailable();
		return (endpoints != null) ? endpoints.getListenerContainer(MessageRequestListener.ID) : null;
	}

}
