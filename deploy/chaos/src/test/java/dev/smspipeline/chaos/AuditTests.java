package dev.smspipeline.chaos;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smspipeline.stackclient.CarrierEntry;
import dev.smspipeline.stackclient.MessageState;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTests {

	private static final PlannedText ADA = new PlannedText("+13125550100", RecipientClass.ORDINARY, "m-ada");

	private static final PlannedText ALAN = new PlannedText("+14152050001", RecipientClass.SILENT, "m-alan");

	private static final PlannedText GRACE = new PlannedText("+14152010001", RecipientClass.LANDLINE, "m-grace");

	private static final List<PlannedText> TEXTS = List.of(ADA, ALAN, GRACE);

	@Test
	void aCampaignWhoseTextsAllEndAsTheirClassSaysHasNothingToReport() {
		Audit.Result result = Audit.of(TEXTS,
				Map.of("m-ada", delivered(), "m-alan", new MessageState("DELIVERY_UNKNOWN", null, null), "m-grace",
						new MessageState("FAILED", null, "21614")),
				List.of(accepted(ADA), accepted(ALAN),
						new CarrierEntry(3, GRACE.recipient(), "error", "m-grace", null, null)));

		assertThat(result.messages()).isEqualTo(3);
		assertThat(result.finals()).isEqualTo(3);
		assertThat(result.lost()).isZero();
		assertThat(result.unexpected()).isZero();
		assertThat(result.duplicatesAccepted()).isZero();
		assertThat(result.acceptedButNotSent()).isZero();
		assertThat(result.handedOverNeverAccepted()).isZero();
		assertThat(result.byStatus()).containsEntry("DELIVERED", 1L)
			.containsEntry("DELIVERY_UNKNOWN", 1L)
			.containsEntry("FAILED", 1L);
		assertThat(result.byClass().get(RecipientClass.LANDLINE)).containsEntry("FAILED(21614)", 1L);
	}

	@Test
	void aTextUnknownToStatusServiceOrInANonFinalStatusIsLost() {
		Audit.Result result = Audit.of(TEXTS,
				Map.of("m-ada", delivered(), "m-alan", new MessageState("SENT", null, null)),
				List.of(accepted(ADA), accepted(ALAN)));

		assertThat(result.lost()).isEqualTo(2);
		assertThat(result.missing()).isEqualTo(1);
		assertThat(result.stuck()).containsEntry("SENT", 1L);
		assertThat(result.lostSamples()).anySatisfy((line) -> assertThat(line).contains("m-grace", "unknown"))
			.anySatisfy((line) -> assertThat(line).contains("m-alan", "stuck in SENT", "accepted by the carrier"));
	}

	@Test
	void everyAcceptedCreateBeyondTheFirstOfATextIsADuplicateButARepeatAnsweredByTheKeyIsNot() {
		Audit.Result result = Audit.of(List.of(ADA), Map.of("m-ada", delivered()),
				List.of(accepted(ADA), new CarrierEntry(2, ADA.recipient(), "duplicate", "m-ada", null, "TIMEOUT"),
						new CarrierEntry(3, ADA.recipient(), "duplicate", "m-ada", null, null), accepted(ADA),
						accepted(ADA)));

		assertThat(result.duplicatesAccepted()).isEqualTo(2);
		assertThat(result.duplicatesRefused()).isEqualTo(2);
		assertThat(result.duplicateSamples()).singleElement().asString().contains("m-ada", "accepted 3x");
	}

	@Test
	void anAcceptedCreateUnderAnotherKeyIsCountedApart() {
		Audit.Result result = Audit.of(List.of(ADA), Map.of("m-ada", delivered()),
				List.of(new CarrierEntry(1, ADA.recipient(), "accepted", null, null, null)));

		assertThat(result.acceptedUnderOtherKey()).isEqualTo(1);
		assertThat(result.duplicatesAccepted()).isZero();
	}

	@Test
	void aTextGivenUpBecauseTheCarrierKeptFailingIsFinalButGivenUpAndUnexpected() {
		Audit.Result result = Audit.of(List.of(ADA),
				Map.of("m-ada", new MessageState("FAILED", "CARRIER_UNAVAILABLE", null)),
				List.of(new CarrierEntry(1, ADA.recipient(), "error", "m-ada", null, "ERROR_500")));

		assertThat(result.lost()).isZero();
		assertThat(result.givenUp()).isEqualTo(1);
		assertThat(result.unexpected()).isEqualTo(1);
		assertThat(result.byClass().get(RecipientClass.ORDINARY)).containsEntry("FAILED(CARRIER_UNAVAILABLE)", 1L);
	}

	@Test
	void aTextGivenUpUnansweredIsGivenUpAndNoDisagreementWhetherOrNotTheCarrierTookIt() {
		PlannedText bob = new PlannedText("+13125550101", RecipientClass.ORDINARY, "m-bob");
		MessageState unanswered = new MessageState("DELIVERY_UNKNOWN", "CARRIER_NO_ANSWER", null);
		Audit.Result result = Audit.of(List.of(ADA, bob), Map.of("m-ada", unanswered, "m-bob", unanswered),
				List.of(accepted(ADA)));

		assertThat(result.lost()).isZero();
		assertThat(result.givenUp()).isEqualTo(2);
		assertThat(result.handedOverNeverAccepted()).isZero();
		assertThat(result.acceptedButNotSent()).isZero();
	}

	@Test
	void theCarrierAcceptingATextReportedUnsentIsADisagreement() {
		Audit.Result result = Audit.of(List.of(ADA),
				Map.of("m-ada", new MessageState("FAILED", "CARRIER_UNAVAILABLE", null)), List.of(accepted(ADA)));

		assertThat(result.acceptedButNotSent()).isEqualTo(1);
		assertThat(result.disagreementSamples()).singleElement()
			.asString()
			.contains("accepted by the carrier but FAILED(CARRIER_UNAVAILABLE)");
	}

	@Test
	void aTextReportedHandedOverThatTheCarrierNeverAcceptedIsADisagreement() {
		Audit.Result result = Audit.of(List.of(ADA), Map.of("m-ada", delivered()), List.of());

		assertThat(result.handedOverNeverAccepted()).isEqualTo(1);
	}

	@Test
	void countsPlannedTextsPerClass() {
		Audit.Result result = Audit.of(TEXTS, Map.of(), List.of());

		assertThat(result.planned()).containsEntry(RecipientClass.ORDINARY, 1L)
			.containsEntry(RecipientClass.SILENT, 1L)
			.containsEntry(RecipientClass.LANDLINE, 1L);
	}

	private static MessageState delivered() {
		return new MessageState("DELIVERED", null, null);
	}

	private static CarrierEntry accepted(PlannedText text) {
		return new CarrierEntry(1, text.recipient(), "accepted", text.messageId(), null, null);
	}

}
