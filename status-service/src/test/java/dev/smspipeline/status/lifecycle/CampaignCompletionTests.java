package dev.smspipeline.status.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignCompletionTests {

	@Test
	void givesAllTerminalWhenEveryReleasedTextReachedAFinalStatusOfItsOwn() {
		assertThat(candidate(3, 0, 0, 2, 1, 0, 0, 0).reason()).isEqualTo(CampaignCompletion.ALL_TERMINAL);
		assertThat(candidate(2, 0, 0, 0, 0, 0, 1, 1).reason()).isEqualTo(CampaignCompletion.ALL_TERMINAL);
	}

	@Test
	void givesTheDeliveryWindowWhenSomeTextsAreFinalOnlyByAgeing() {
		assertThat(candidate(2, 0, 0, 1, 0, 1, 0, 0).reason()).isEqualTo(CampaignCompletion.WINDOW_PASSED);
	}

	@Test
	void givesTheDeliveryWindowWhenSomeReleasedTextsNeverBecameFinal() {
		assertThat(candidate(3, 1, 0, 2, 0, 0, 0, 0).reason()).isEqualTo(CampaignCompletion.WINDOW_PASSED);
	}

	private static CampaignCompletion.Candidate candidate(long released, long inQueue, long outbox, long delivered,
			long error, long deliveryUnknown, long canceled, long deleted) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("inQueue", inQueue);
		counts.put("outbox", outbox);
		counts.put("delivered", delivered);
		counts.put("error", error);
		counts.put("deliveryUnknown", deliveryUnknown);
		counts.put("canceled", canceled);
		counts.put("deleted", deleted);
		counts.put("total", inQueue + outbox + delivered + error + deliveryUnknown + canceled + deleted);
		return new CampaignCompletion.Candidate("acme", "c-1", counts, released, null, null);
	}

}
