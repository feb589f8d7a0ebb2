package dev.smspipeline.stackclient;

import java.io.IOException;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorClientTests {

	private CannedServer simulator;

	private SimulatorClient client;

	@BeforeEach
	void startSimulator() throws IOException {
		this.simulator = new CannedServer();
		this.client = new SimulatorClient(this.simulator.url());
	}

	@AfterEach
	void stopSimulator() {
		this.simulator.close();
	}

	@Test
	void keepsTheCreatesToTheGivenRecipientsReceivedSinceAnInstant() {
		this.simulator.answer("/sim/messages", """
				[{"receivedAt": 999, "to": "+1", "outcome": "accepted"},
				 {"receivedAt": 1000, "to": "+1", "outcome": "accepted"},
				 {"receivedAt": 1001, "to": "+2", "outcome": "accepted"},
				 {"receivedAt": 1002, "outcome": "error"}]
				""");

		assertThat(this.client.entries(Set.of("+1"), 1000)).extracting(CarrierEntry::receivedAt).containsExactly(1000L);
	}

	@Test
	void readsTheAcceptedCountAndTheCallbacksStillOwedFromTheStats() {
		this.simulator.answer("/sim/stats", "{\"outcomes\": {\"accepted\": 42}, \"pendingCallbacks\": 0}");

		assertThat(this.client.acceptedCount()).isEqualTo(42);
		assertThat(this.client.pendingCallbacks()).isZero();
	}

	@Test
	void saysItDoesNotKnowTheCallbacksOwedWhenTheStatsDoNotSay() {
		this.simulator.answer("/sim/stats", "{\"outcomes\": {}}");

		assertThat(this.client.pendingCallbacks()).isEqualTo(-1);
	}

}
