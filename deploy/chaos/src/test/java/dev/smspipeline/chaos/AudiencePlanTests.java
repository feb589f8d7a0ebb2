package dev.smspipeline.chaos;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AudiencePlanTests {

	@Test
	void aCampaignOf5000MixesSilentFailingRateLimitedAndFlakyNumbersAtTheirShares() {
		assertThat(AudiencePlan.counts(5000)).containsEntry(RecipientClass.ORDINARY, 4150)
			.containsEntry(RecipientClass.SILENT, 250)
			.containsEntry(RecipientClass.LANDLINE, 150)
			.containsEntry(RecipientClass.UNREACHABLE, 100)
			.containsEntry(RecipientClass.RATE_LIMITED, 250)
			.containsEntry(RecipientClass.FLAKY, 100);
	}

	@Test
	void everyScenarioClassGetsAtLeastOneNumberFromAHundredTexts() {
		assertThat(AudiencePlan.counts(100).values()).allSatisfy((count) -> assertThat(count).isPositive());
		assertThat(AudiencePlan.counts(10)).containsEntry(RecipientClass.ORDINARY, 10);
	}

	@Test
	void numbersAreDistinctAndScenarioNumbersUseTheSimulatorsExchanges() {
		AudiencePlan plan = AudiencePlan.of(5000, 42);

		assertThat(plan.texts()).extracting(PlannedText::recipient).doesNotHaveDuplicates().hasSize(5000);
		assertThat(plan.texts()).allSatisfy((text) -> {
			assertThat(text.recipient()).matches("\\+1[2-9]\\d{2}[2-9]\\d{6}");
			if (text.recipientClass() == RecipientClass.ORDINARY) {
				assertThat(text.recipient()).doesNotStartWith("+1415");
			}
			else {
				assertThat(text.recipient()).startsWith("+1415" + text.recipientClass().exchange());
			}
		});
	}

	@Test
	void theSameSeedPlansTheSameNumbersInTheSameOrder() {
		assertThat(AudiencePlan.of(300, 7).texts()).isEqualTo(AudiencePlan.of(300, 7).texts());
		assertThat(AudiencePlan.of(300, 7).texts()).isNotEqualTo(AudiencePlan.of(300, 8).texts());
	}

	@Test
	void scenarioClassesAreSpreadThroughTheCampaign() {
		AudiencePlan plan = AudiencePlan.of(5000, 1);

		Map<RecipientClass, Long> firstFifth = plan.texts()
			.subList(0, 1000)
			.stream()
			.collect(Collectors.groupingBy(PlannedText::recipientClass, Collectors.counting()));
		assertThat(firstFifth.keySet()).containsAll(AudiencePlan.SHARES.keySet());
	}

	@Test
	void messageIdsAreCampaignServicesNameBasedUuidsOfCampaignAndNumber() {
		AudiencePlan plan = AudiencePlan.of(3, 1).inCampaign("c-1");

		assertThat(plan.texts()).allSatisfy((text) -> assertThat(text.messageId()).isEqualTo(
				UUID.nameUUIDFromBytes(("c-1:" + text.recipient()).getBytes(StandardCharsets.UTF_8)).toString()));
	}

	@Test
	void refusesAnEmptyCampaign() {
		assertThatIllegalArgumentException().isThrownBy(() -> AudiencePlan.of(0, 1));
	}

}
