package dev.smspipeline.schemas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators and the end-to-end checks read these names from dead letters. */
class DeadLetterHeadersTests {

	@Test
	void theReasonCodeTravelsInXReason() {
		assertThat(DeadLetterHeaders.REASON).isEqualTo("x-reason");
	}

	@Test
	void theServiceReasonCodesAreSpeltAsOperatorsKnowThem() {
		assertThat(DeadLetterHeaders.UNREADABLE).isEqualTo("UNREADABLE");
		assertThat(DeadLetterHeaders.PROCESSING_FAILED).isEqualTo("PROCESSING_FAILED");
	}

	@Test
	void theCodesTwoServicesShareAreSpeltOnce() {
		assertThat(DeadLetterHeaders.INVALID_OPT_OUT).isEqualTo("INVALID_OPT_OUT");
		assertThat(DeadLetterHeaders.NOT_A_CAMPAIGN_EVENT).isEqualTo("NOT_A_CAMPAIGN_EVENT");
	}

}
