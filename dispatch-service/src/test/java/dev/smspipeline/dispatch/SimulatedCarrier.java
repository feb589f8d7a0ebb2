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

	/** A simulator of its own, with the default scenario table and fresh credentials. */
	public static CarrierSimulator start() {
		return CarrierSimulator.start(SimulatorSettings.forTests());
	}

	/**
	 * The one simulator of this test JVM, started on first use and stopped when the JVM
	 * exits, as {@code TestInfrastructure} does with the broker and database. Test
	 * classes share it, and with it an application context pointed at it: they keep apart
	 * by their own message ids and numbers (the scenario table keys on numbers, and it
	 * rate-limits each number), never by clearing or closing it.
	 * @return the shared simulator
	 */
	public static CarrierSimulator shared() {
		return Shared.CARRIER;
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

	/**
	 * Whether the carrier has not yet had a create to {@code number}, so that the
	 * scenario table treats the next one as its first.
	 * @param carrier the carrier
	 * @param number a number, E.164
	 * @return whether no create to it was received
	 */
	public static boolean unused(CarrierSimulator carrier, String number) {
		return carrier.receivedMessages().stream().noneMatch((create) -> number.equals(create.to()));
	}

	private static final class Shared {

		static final CarrierSimulator CARRIER = start();

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(CARRIER::close, "carrier-simulator-stop"));
		}

	}

}
