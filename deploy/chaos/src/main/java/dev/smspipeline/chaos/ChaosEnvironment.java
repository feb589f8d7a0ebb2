package dev.smspipeline.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a part needs for a chaos run, as environment variables (Spring's relaxed
 * form): status-service ages silent texts into DELIVERY_UNKNOWN after a short delivery
 * window instead of 48 h, and checks every few seconds, so every text of a run can end.
 * local-stack.sh passes its environment on to the parts it starts.
 */
final class ChaosEnvironment {

	private ChaosEnvironment() {
	}

	/**
	 * The variables each part needs.
	 * @param deliveryWindow status-service's {@code sms.status.delivery-window}
	 * @return variables by part
	 */
	static Map<String, Map<String, String>> byPart(Duration deliveryWindow) {
		Map<String, Map<String, String>> parts = new LinkedHashMap<>();
		Map<String, String> status = new LinkedHashMap<>();
		status.put("SMS_STATUS_DELIVERY_WINDOW", deliveryWindow.toSeconds() + "s");
		status.put("SMS_STATUS_AGEING_INTERVAL", "5s");
		parts.put("status-service", status);
		return parts;
	}

	/**
	 * Every variable of every part, for the environment of local-stack.sh.
	 * @param deliveryWindow status-service's delivery window
	 * @return the variables
	 */
	static Map<String, String> all(Duration deliveryWindow) {
		Map<String, String> all = new LinkedHashMap<>();
		byPart(deliveryWindow).values().forEach(all::putAll);
		return all;
	}

}
