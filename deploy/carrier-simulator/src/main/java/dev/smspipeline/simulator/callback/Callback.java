package dev.smspipeline.simulator.callback;

import java.util.Map;

/**
 * One webhook post, due at a wall-clock time.
 *
 * @param dueAtMillis when to post it, epoch milliseconds
 * @param params its form parameters
 */
public record Callback(long dueAtMillis, Map<String, String> params) {

	public Callback {
		params = Map.copyOf(params);
	}

}
