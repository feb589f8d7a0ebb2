package dev.smspipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultLineTests {

	@Test
	void theResultLineNamesEveryFigureInOrderWithTheRatioToTheLowerCeiling() {
		ResultLine line = new ResultLine(20000, 1500.04, 40000, 6000, 0.8123, 120.55, 1003, 0, 0, 0);

		assertThat(line.format()).isEqualTo("RESULT messages=20000 throughput_msg_s=1500.0 kafka_ceiling_msg_s=40000.0 "
				+ "carrier_ceiling_msg_s=6000.0 ratio=0.250 cpu_ms_per_msg=0.812 p99_request_to_carrier_ms=120.6 "
				+ "min_gap_ms=1003 violations=0 lost=0 duplicates=0");
	}

	@Test
	void aSkippedCeilingIsMinusOneAndTheRatioUsesTheOther() {
		ResultLine line = new ResultLine(10, 50, Double.NaN, 100, 2, 10, -1, 1, 2, 3);

		assertThat(line.format()).contains("kafka_ceiling_msg_s=-1 ")
			.contains(" ratio=0.500 ")
			.contains(" min_gap_ms=-1 ")
			.endsWith("violations=1 lost=2 duplicates=3");
	}

	@Test
	void withoutCeilingsTheRatioIsUnknown() {
		ResultLine line = new ResultLine(10, 50, Double.NaN, Double.NaN, 2, 10, -1, 0, 0, 0);

		assertThat(line.format()).contains(" ratio=-1 ");
	}

	@Test
	void figuresUseADotWhateverTheLocale() {
		java.util.Locale previous = java.util.Locale.getDefault();
		java.util.Locale.setDefault(java.util.Locale.GERMANY);
		try {
			assertThat(new ResultLine(1, 1.5, 2.5, 3.5, 0.25, 7.5, 1000, 0, 0, 0).format())
				.contains("throughput_msg_s=1.5 ");
		}
		finally {
			java.util.Locale.setDefault(previous);
		}
	}

}
