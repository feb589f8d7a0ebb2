package dev.smspipeline.simulator.messages;

import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.http.TwilioError;
import dev.smspipeline.simulator.scenario.Scenario;
import dev.smspipeline.simulator.scenario.ScenarioTable;

import static org.assertj.core.api.Assertions.assertThat;

class NumberLedgerTests {

	private static final String NUMBER = "+13125550100";

	private final NumberLedger ledger = new NumberLedger(1000);

	private final Scenario delivered = Scenario.delivered();

	@Test
	void refusesASecondCreateWithinTheWindowAskingForTheRestRoundedUpToWholeSeconds() {
		assertThat(this.ledger.decide(NUMBER, null, this.delivered, 10_000)).isNull();

		TwilioError error = this.ledger.decide(NUMBER, null, this.delivered, 10_001);

		assertThat(error.status()).isEqualTo(429);
		assertThat(error.code()).isEqualTo(20429);
		assertThat(error.retryAfterSeconds()).isEqualTo(1);
		assertThat(error.message()).isEqualTo("To number rate limit exceeded, please wait 1 seconds");
	}

	@Test
	void acceptsAgainOnceTheWindowHasPassed() {
		this.ledger.decide(NUMBER, null, this.delivered, 10_000);

		assertThat(this.ledger.decide(NUMBER, null, this.delivered, 10_999)).isNotNull();
		assertThat(this.ledger.decide(NUMBER, null, this.delivered, 11_000)).isNull();
	}

	@Test
	void doesNotCountARefusedCreateAsAnAccept() {
		this.ledger.decide(NUMBER, null, this.delivered, 10_000);
		this.ledger.decide(NUMBER, null, this.delivered, 10_500);

		assertThat(this.ledger.decide(NUMBER, null, this.delivered, 11_000)).isNull();
	}

	@Test
	void asksForTheWholeWaitOfALongerWindow() {
		NumberLedger slow = new NumberLedger(20_000);
		slow.decide(NUMBER, null, this.delivered, 0);

		assertThat(slow.decide(NUMBER, null, this.delivered, 1).retryAfterSeconds()).isEqualTo(20);
	}

	@Test
	void answers500ToTheFirstTwoCreatesOfA208MessageThenAccepts() {
		Scenario twice = ScenarioTable.defaults().forNumber("+14152080001");

		assertThat(this.ledger.decide("+14152080001", "key:a", twice, 0).status()).isEqualTo(500);
		assertThat(this.ledger.decide("+14152080001", "key:a", twice, 1).status()).isEqualTo(500);
		assertThat(this.ledger.decide("+14152080001", "key:a", twice, 2)).isNull();
	}

	@Test
	void sweepsAcceptTimesThatCanNoLongerHoldAnythingBack() {
		this.ledger.decide(NUMBER, null, this.delivered, 10_000);
		this.ledger.decide("+13125550101", null, this.delivered, 10_600);

		this.ledger.sweep(11_000);

		assertThat(this.ledger.trackedNumbers()).isEqualTo(1);
	}

}
