package dev.smspipeline.dispatch;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.simulator.messages.ReceivedMessage;

/**
 * The project's carrier simulator, in this JVM on an ephemeral port, and the properties
 * that point dispatch at it.
 */
public final class SimulatedCarrier {

	private SimulatedCarrier() {
	}

	/** A simulator with the default scenario table and fresh credentials. */
	public static CarrierSimulator start() {
		return CarrierSimulator.start(SimulatorSettings.forTests());
	}

	/**
	 * Points {@code sms.carrier.*} at {@code carrier}. No status callbacks are asked for:
	 * status-service does not run here.
	 */
	public static void register(DynamicPropertyRegistry registry, CarrierSimulator carrier) {
		registry.add("sms.carrier.base-url", carrier::baseUrl);
		registry.add("sms.carrier.account-sid", carrier::accountSid);
		registry.add("sms.carrier.auth-token", carrier::authToken);
		registry.add("sms.carrier.status-callback-url", () -> "");
	}

	/**
	 * The creates the carrier received for a text: those under its message id as
	 * idempotency token, first to last.
	 */
	public static List<ReceivedMessage> createsFor(CarrierSimulator carrier, MessageRequested request) {
		return carrier.receivedMessages()
			.stream()
			.filter((create) -> request.getMessageId().equals(create.idempotencyKey()))
			.toList();
	}

}
