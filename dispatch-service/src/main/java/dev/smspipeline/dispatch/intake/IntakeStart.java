package dev.smspipeline.dispatch.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.smspipeline.platform.account.AccountDirectory;
import dev.smspipeline.schemas.Topics;

/**
 * Starts the {@code sms.message-requested} listener container only once this instance has
 * read {@code sms.accounts} up to where it ended at start-up
 * ({@link AccountDirectory#whenLoaded()}): every text is checked against its account's
 * senders and status before the carrier call, and until the accounts are read that check
 * would send a text from a number since taken away, or refuse one from a number just
 * given. So nothing is decided on missing data:
 * <ul>
 * <li>The container does not start with the context ({@code autoStartup = "false"} on the
 * listener): this instance joins the consumer group, is assigned partitions, takes texts
 * and feeds parked ones back only from then on. Until then the partitions stay with the
 * other instances, or wait (a lag, not a loss: nothing is committed).</li>
 * <li>Holding texts in memory instead would still have taken partitions from instances
 * that could send, and filled the memory bounds with texts nobody may decide.</li>
 * <li>Once loaded, the directory follows the topic; a text taken later is checked against
 * the latest state this instance read (an account change applies within the reader's
 * poll).</li>
 * </ul>
 * While it waits, the platform's {@code accounts} health contributor is DOWN ("reading
 * sms.accounts") and this class logs that it waits. A context restarted after a pause
 * (tests) starts the container with the others: its accounts were loaded before.
 */
@Component
class IntakeStart implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IntakeStart.class);

	private final AccountDirectory accounts;

	private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

	private volatile boolean running;

	IntakeStart(AccountDirectory accounts, ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		this.accounts = accounts;
		this.registry = registry;
	}

	@Override
	public void start() {
		this.running = true;
		if (!this.accounts.loaded()) {
			log.info("Taking no text off {} until {} is read", Topics.MESSAGE_REQUESTED, Topics.ACCOUNTS);
		}
		this.accounts.whenLoaded().thenRun(this::startIntake);
	}

	private void startIntake() {
		if (!this.running) {
			return;
		}
		KafkaListenerEndpointRegistry endpoints = this.registry.getIfAvailable();
		MessageListenerContainer container = (endpoints != null)
				? endpoints.getListenerContainer(MessageRequestListener.ID) : null;
		if (container != null && !container.isRunning()) {
			log.info("{} read: taking texts off {}", Topics.ACCOUNTS, Topics.MESSAGE_REQUESTED);
			container.start();
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the listener registry starts, before it stops. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 50;
	}

}
