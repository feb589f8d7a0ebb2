package dev.smspipeline.bench;

import java.time.Duration;
import java.util.Map;

import dev.smspipeline.stackclient.SimulatorClient;
import dev.smspipeline.stackclient.StackHttp;

/**
 * What every benchmark of the running local stack does first: check that the parts it
 * drives are up, and start from an empty carrier log.
 */
final class LocalStack {

	private LocalStack() {
	}

	/**
	 * Fails unless every part answers 200 within 5 s.
	 * @param parts part name to its health URL (for the services, {@code /readyz} on the
	 * service port: their actuator is on the management port)
	 * @throws IllegalStateException naming the first part that is down or unhealthy
	 */
	static void requireHealthy(Map<String, String> parts) {
		StackHttp http = new StackHttp(null);
		for (Map.Entry<String, String> part : parts.entrySet()) {
			int status;
			try {
				status = http.statusOf(part.getValue(), Duration.ofSeconds(5));
			}
			catch (StackHttp.HttpFailure ex) {
				throw new IllegalStateException(part.getKey() + " does not answer at " + part.getValue()
						+ "; start the stack with ./local-stack.sh start", ex);
			}
			if (status != 200) {
				throw new IllegalStateException(part.getKey() + " is not healthy (" + part.getValue() + " answered "
						+ status + "); start the stack with ./local-stack.sh start");
			}
		}
	}

	/**
	 * Clears the simulator's log once its pending callbacks are posted (at most a
	 * minute).
	 * @param carrier the simulator
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void clearCarrierLog(SimulatorClient carrier) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && carrier.pendingCallbacks() != 0) {
			Thread.sleep(500);
		}
		carrier.clearLog();
	}

}
