package dev.smspipeline.stackclient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierEntryTests {

	@Test
	void hasNoMessageIdWhenTheRequestCarriedNeitherKeyNorCallback() {
		assertThat(new CarrierEntry(1, "+1", CarrierEntry.ACCEPTED, null, null, null).messageId()).isNull();
	}

	@Test
	void isAcceptedOnlyForTheAcceptedOutcome() {
		assertThat(new CarrierEntry(1, "+1", CarrierEntry.ACCEPTED, "m", null, null).accepted()).isTrue();
		assertThat(new CarrierEntry(1, "+1", CarrierEntry.RATE_LIMITED, "m", null, null).accepted()).isFalse();
	}

}
