package dev.smspipeline.chaos;

import java.io.PrintStream;
import java.time.Duration;

import dev.smspipeline.stackclient.SimulatorClient;

/**
 * One fault, done to the running stack while a campaign is under way.
 */
interface Scenario {

	/**
	 * The name on the command line and in reports, e.g. {@code kill-dispatch}.
	 * @return the name
	 */
	String name();

	/**
	 * What it does, for the report.
	 * @param faultDuration how long outages and carrier faults last
	 * @return one sentence
	 */
	String description(Duration faultDuration);

	/**
	 * Does the fault and undoes it: returns when the part is back (healthy) or the fault
	 * is off.
	 * @param context the stack and how long faults last
	 * @return when the fault started and ended
	 * @throws InterruptedException when interrupted
	 */
	FaultWindow inject(Context context) throws InterruptedException;

	/**
	 * What a scenario can act on.
	 *
	 * @param control local-stack.sh
	 * @param carrier the carrier simulator's fault switch
	 * @param faultDuration how long outages and carrier faults last
	 * @param log progress lines
	 */
	record Context(StackControl control, SimulatorClient carrier, Duration faultDuration, PrintStream log) {
	}

	/**
	 * When a fault started and when it ended (the part healthy again, the fault off).
	 *
	 * @param start epoch milliseconds
	 * @param end epoch milliseconds
	 */
	record FaultWindow(long start, long end) {

		double seconds() {
			return (this.end - this.start) / 1000.0;
		}

	}

}
