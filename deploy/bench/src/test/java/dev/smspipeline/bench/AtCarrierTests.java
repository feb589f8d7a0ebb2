package dev.smspipeline.bench;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.smspipeline.stackclient.CarrierEntry;

import static org.assertj.core.api.Assertions.assertThat;

class AtCarrierTests {

	@Test
	void aRecipientCountsOnceAtItsFirstAcceptedCreate() {
		List<CarrierEntry> entries = List.of(entry(1000, "+1", "rate_limited"), entry(2000, "+1", "accepted"),
				entry(2500, "+1", "duplicate"), entry(3000, "+2", "accepted"), entry(4000, "+9", "accepted"));

		AtCarrier at = AtCarrier.of(entries, Set.of("+1", "+2"));

		assertThat(at.firstAcceptByRecipient()).containsOnlyKeys("+1", "+2").containsEntry("+1", 2000L);
		assertThat(at.first()).isEqualTo(2000);
		assertThat(at.last()).isEqualTo(3000);
		assertThat(at.after(2000)).isEqualTo(1);
		assertThat(at.perSecond()).isEqualTo(1.0);
	}

	@Test
	void noTextsHaveNoRate() {
		assertThat(AtCarrier.of(List.of(), Set.of("+1")).perSecond()).isNaN();
	}

	private static CarrierEntry entry(long at, String to, String outcome) {
		return new CarrierEntry(at, to, outcome, null, null, null);
	}

}
