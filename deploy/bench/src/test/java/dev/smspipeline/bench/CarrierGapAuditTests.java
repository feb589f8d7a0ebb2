package dev.smspipeline.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smspipeline.stackclient.CarrierEntry;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierGapAuditTests {

	private static final long INTERVAL = 1000;

	@Test
	void theMinimumGapIsTheClosestPairOfAcceptedTextsToOneNumber() {
		List<CarrierEntry> entries = List.of(accepted(10_000, "+13122000001", "a"),
				accepted(11_250, "+13122000001", "b"), accepted(12_260, "+13122000001", "c"),
				accepted(10_001, "+13122000002", "d"), accepted(13_500, "+13122000002", "e"));

		CarrierGapAudit.Result result = CarrierGapAudit.audit(entries, INTERVAL);

		assertThat(result.minGapMillis()).isEqualTo(1010);
		assertThat(result.repeatedNumbers()).isEqualTo(2);
		assertThat(result.violations()).isZero();
		assertThat(result.duplicates()).isZero();
	}

	@Test
	void theOrderOfTheLogDoesNotMatter() {
		List<CarrierEntry> entries = List.of(accepted(12_000, "+13122000001", "b"),
				accepted(10_000, "+13122000001", "a"), accepted(11_000, "+13122000001", "c"));

		assertThat(CarrierGapAudit.audit(entries, INTERVAL).minGapMillis()).isEqualTo(1000);
	}

	@Test
	void anAcceptedTextLessThanTheIntervalAfterTheLastOneIsAViolation() {
		List<CarrierEntry> entries = List.of(accepted(10_000, "+13122000001", "a"),
				accepted(10_999, "+13122000001", "b"));

		CarrierGapAudit.Result result = CarrierGapAudit.audit(entries, INTERVAL);

		assertThat(result.minGapMillis()).isEqualTo(999);
		assertThat(result.gapsBelowInterval()).isEqualTo(1);
		assertThat(result.violations()).isEqualTo(1);
	}

	@Test
	void aCreateTheCarrierRateLimitedIsAViolation() {
		List<CarrierEntry> entries = List.of(accepted(10_000, "+13122000001", "a"),
				new CarrierEntry(10_400, "+13122000001", CarrierEntry.RATE_LIMITED, "b", null, null),
				accepted(11_400, "+13122000001", "b"));

		CarrierGapAudit.Result result = CarrierGapAudit.audit(entries, INTERVAL);

		assertThat(result.rateLimited()).isEqualTo(1);
		assertThat(result.gapsBelowInterval()).isZero();
		assertThat(result.violations()).isEqualTo(1);
	}

	@Test
	void aMessageIdAcceptedTwiceIsADuplicateButAnIdempotentRepeatIsNot() {
		List<CarrierEntry> entries = List.of(accepted(10_000, "+13122000001", "a"),
				new CarrierEntry(10_100, "+13122000001", CarrierEntry.DUPLICATE, "a", null, null),
				accepted(10_000, "+13122000002", "b"), accepted(12_000, "+13122000002", "b"));

		CarrierGapAudit.Result result = CarrierGapAudit.audit(entries, INTERVAL);

		assertThat(result.duplicates()).isEqualTo(1);
		assertThat(result.duplicateAnswers()).isEqualTo(1);
		assertThat(result.firstAcceptById()).containsEntry("a", 10_000L).containsEntry("b", 10_000L);
	}

	@Test
	void withoutRepeatedNumbersThereIsNoGap() {
		CarrierGapAudit.Result result = CarrierGapAudit.audit(List.of(accepted(10_000, "+13122000001", "a")), INTERVAL);

		assertThat(result.minGapMillis()).isEqualTo(-1);
		assertThat(result.repeatedNumbers()).isZero();
	}

	private static CarrierEntry accepted(long at, String to, String messageId) {
		return new CarrierEntry(at, to, CarrierEntry.ACCEPTED, messageId, null, null);
	}

}
