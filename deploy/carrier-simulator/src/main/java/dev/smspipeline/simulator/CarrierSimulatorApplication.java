package dev.smspipeline.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the carrier simulator as a process, configured by environment variables (see
 * {@link SimulatorSettings#fromEnvironment()} and the module's README).
 */
public final class CarrierSimulatorApplication {

	private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

	private CarrierSimulatorApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
			System.setProperty(LOG_FORMAT_PROPERTY, "%1$tF %1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
		}
		System.Logger logger = System.getLogger(CarrierSimulatorApplication.class.getName());
		SimulatorSettings settings;
		CarrierSimulator simulator;
		try {
			settings = SimulatorSettings.fromEnvironment();
			simulator = CarrierSimulator.start(settings);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.ERROR, "Carrier simulator cannot start: " + ex.getMessage(), ex);
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}, "sim-shutdown"));
		logger.log(System.Logger.Level.INFO,
				"Carrier simulator listening on " + settings.bindAddress() + ":" + simulator.port() + " (account "
						+ settings.accountSid() + ", scenarios " + simulator.scenarios() + ", inbound webhook "
						+ settings.inboundWebhookUrl() + ")");
		stopped.await();
	}

}
