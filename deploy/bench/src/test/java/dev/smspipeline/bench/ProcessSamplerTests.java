package dev.smspipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessSamplerTests {

	@Test
	void cpuTimeIsUserPlusSystemPlusThatOfExitedChildrenEvenWhenTheCommandNameHasSpaces() {
		String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194560 100 0 0 0 1200 300 40 5 20 0 60 0";

		assertThat(ProcessSampler.cpuTicks(stat)).isEqualTo(1200 + 300 + 40 + 5);
		assertThat(ProcessSampler.parentPid(stat)).isEqualTo(1);
	}

	@Test
	void aPostgresBackendIsAttributedToItsDatabaseAndEverythingElseToBackground() {
		assertThat(ProcessSampler.database("postgres: sms status 127.0.0.1(58840) idle")).isEqualTo("status");
		assertThat(ProcessSampler.database("postgres: sms campaign 127.0.0.1(51894) INSERT")).isEqualTo("campaign");
		assertThat(ProcessSampler.database("postgres: checkpointer")).isEqualTo("background");
		assertThat(ProcessSampler.database("postgres: autovacuum worker status")).isEqualTo("background");
	}

	@Test
	void heapInUseIsTheSurvivorEdenAndOldSpacesOfJstat() {
		String[] header = "S0C S1C S0U S1U EC EU OC OU MC MU".split(" ");
		String[] values = "8704.0 8704.0 2142.0 0.0 69952.0 27017.6 174784.0 88692.5 83136.0 82231.0".split(" ");

		assertThat(ProcessSampler.heapUsedKb(header, values)).isEqualTo((long) (2142.0 + 27017.6 + 88692.5));
	}

}
