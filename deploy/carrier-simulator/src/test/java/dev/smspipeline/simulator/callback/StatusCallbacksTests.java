package dev.smspipeline.simulator.callback;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.scenario.ScenarioTable;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCallbacksTests {

	private static final StatusCallbacks.MessageFacts MESSAGE = new StatusCallbacks.MessageFacts(
			"SM0123456789abcdef0123456789abcdef", "AC0123456789abcdef0123456789abcdef", "+15005550006", "+14152020001");

	private final ScenarioTable table = ScenarioTable.defaults();

	@Test
	void plansSentThenDeliveredWithin100MillisByDefault() {
		List<Callback> callbacks = StatusCallbacks.plan(MESSAGE, this.table.forNumber("+13125550100"), 1000);

		assertThat(callbacks).extracting((callback) -> callback.params().get("MessageStatus"))
			.containsExactly("sent", "delivered");
		assertThat(callbacks.get(1).dueAtMillis()).isLessThanOrEqualTo(1100);
	}

	@Test
	void putsTheErrorCodeAndMessageOnTheUndeliveredCallbackOnly() {
		List<Callback> callbacks = StatusCallbacks.plan(MESSAGE, this.table.forNumber("+14152020001"), 0);

		assertThat(callbacks.get(0).params()).doesNotContainKey("ErrorCode");
		assertThat(callbacks.get(1).params()).containsEntry("MessageStatus", "undelivered")
			.containsEntry("SmsStatus", "undelivered")
			.containsEntry("ErrorCode", "30003")
			.containsEntry("ErrorMessage", "Unreachable destination handset")
			.containsEntry("ApiVersion", "2010-04-01");
	}

	@Test
	void plansEveryCallbackTwiceNewestFirstForA210Number() {
		List<Callback> callbacks = StatusCallbacks.plan(MESSAGE, this.table.forNumber("+14152100001"), 0);

		assertThat(callbacks).extracting((callback) -> callback.params().get("MessageStatus"))
			.containsExactly("delivered", "sent", "delivered", "sent");
	}

	@Test
	void stopsAfterSentForASilentNumber() {
		List<Callback> callbacks = StatusCallbacks.plan(MESSAGE, this.table.forNumber("+14152050001"), 0);

		assertThat(callbacks).extracting((callback) -> callback.params().get("MessageStatus")).containsExactly("sent");
	}

}
