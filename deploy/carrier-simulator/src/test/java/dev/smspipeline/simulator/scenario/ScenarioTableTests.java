package dev.smspipeline.simulator.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScenarioTableTests {

	private final ScenarioTable defaults = ScenarioTable.defaults();

	@Test
	void refusesA201NumberAsALandlineWith21614() {
		Scenario scenario = this.defaults.forNumber("+14152010001");

		assertThat(scenario.refuseStatus()).isEqualTo(400);
		assertThat(scenario.refuseCode()).isEqualTo(21614);
		assertThat(scenario.refuseMessage()).isEqualTo("'To' number is not a valid mobile number");
	}

	@Test
	void failsThe202To204NumbersWithTheirCarrierErrors() {
		assertThat(this.defaults.forNumber("+14152020001").errorCode()).isEqualTo(30003);
		assertThat(this.defaults.forNumber("+14152030001").errorCode()).isEqualTo(30007);
		assertThat(this.defaults.forNumber("+14152040001").errorCode()).isEqualTo(30008);
		assertThat(this.defaults.forNumber("+14152040001").finalStatus()).isEqualTo(FinalStatus.UNDELIVERED);
	}

	@Test
	void keepsThe205NumbersSilentAndDeliversThe206NumbersAfterFiveSeconds() {
		assertThat(this.defaults.forNumber("+14152050001").finalStatus()).isEqualTo(FinalStatus.SILENT);
		assertThat(this.defaults.forNumber("+14152060001").finalAfterMillis()).isEqualTo(5000);
	}

	@Test
	void rateLimitsThe207NumbersOnceAndFailsThe208MessagesTwice() {
		assertThat(this.defaults.forNumber("+14152070001").rateLimitFirstCreateSeconds()).isEqualTo(3);
		assertThat(this.defaults.forNumber("+14152080001").failFirstCreates()).isEqualTo(2);
	}

	@Test
	void refusesThe209NumbersAsUnsubscribedAndDuplicatesThe210Callbacks() {
		assertThat(this.defaults.forNumber("+14152090001").refuseCode()).isEqualTo(21610);
		assertThat(this.defaults.forNumber("+14152100001").duplicateCallbacks()).isTrue();
	}

	@Test
	void deliversEveryOtherNumber() {
		assertThat(this.defaults.forNumber("+14152110001")).isEqualTo(Scenario.delivered());
		assertThat(this.defaults.forNumber("+12125550100")).isEqualTo(Scenario.delivered());
		assertThat(this.defaults.forNumber("+447700900123")).isEqualTo(Scenario.delivered());
	}

	@Test
	void letsTheLongestPrefixWin() {
		ScenarioTable table = this.defaults.withRule("+14152010009", Scenario.delivered());

		assertThat(table.forNumber("+14152010009").refuses()).isFalse();
		assertThat(table.forNumber("+14152010008").refuses()).isTrue();
	}

	@Test
	void readsAJsonFileOnTopOfTheDefaults(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("scenarios.json"), """
				{
				  "default": { "finalAfterMillis": 50 },
				  "rules": {
				    "+1415206": { "name": "quick", "finalAfterMillis": 300 },
				    "+1312555": { "finalStatus": "failed", "errorCode": 30006 }
				  }
				}
				""");

		ScenarioTable table = ScenarioTable.load(file);

		assertThat(table.forNumber("+14152060001").finalAfterMillis()).isEqualTo(300);
		assertThat(table.forNumber("+13125550001").finalStatus()).isEqualTo(FinalStatus.FAILED);
		assertThat(table.forNumber("+13125550001").errorMessage()).isEqualTo("Landline or unreachable carrier");
		assertThat(table.forNumber("+14152010001").refuseCode()).isEqualTo(21614);
		assertThat(table.forNumber("+19995550001").finalAfterMillis()).isEqualTo(50);
	}

	@Test
	void readsAPropertiesFile(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("scenarios.properties"), """
				+1415201.refuseStatus=400
				+1415201.refuseCode=21612
				+1312555.finalStatus=UNDELIVERED
				+1312555.errorCode=30005
				+1312556.duplicateCallbacks=true
				default.finalAfterMillis=50
				""");

		ScenarioTable table = ScenarioTable.load(file);

		assertThat(table.forNumber("+14152010001").refuseCode()).isEqualTo(21612);
		assertThat(table.forNumber("+13125550001").errorCode()).isEqualTo(30005);
		assertThat(table.forNumber("+13125560001").duplicateCallbacks()).isTrue();
		assertThat(table.forNumber("+19995550001").finalAfterMillis()).isEqualTo(50);
		assertThat(table.forNumber("+14152020001").errorCode()).isEqualTo(30003);
	}

	@Test
	void startsFromAnEmptyTableWhenTheFileDoesNotInheritTheDefaults() {
		ScenarioTable table = ScenarioTable.parseJson("""
				{ "inheritDefaults": false, "rules": { "+1415209": { "refuseStatus": 400, "refuseCode": 21610 } } }
				""");

		assertThat(table.rules()).containsOnlyKeys("+1415209");
		assertThat(table.forNumber("+14152010001")).isEqualTo(Scenario.delivered());
	}

	@Test
	void rejectsAnUnknownFieldNamingTheFile(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("bad.json"), """
				{ "rules": { "+1415206": { "finalAfterMilis": 300 } } }
				""");

		assertThatIllegalArgumentException().isThrownBy(() -> ScenarioTable.load(file))
			.withMessageContaining("bad.json")
			.withMessageContaining("finalAfterMilis");
	}

	@Test
	void rejectsAFinalCallbackDueBeforeTheSentOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScenarioTable.parseProperties("""
				+1312.sentAfterMillis=500
				+1312.finalAfterMillis=100
				""")).withMessageContaining("+1312");
	}

}
