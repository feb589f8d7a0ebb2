package dev.smspipeline.opschecks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric-name reader the dashboard and alert checks rely on.
 */
class PromQlTests {

	@Test
	void readsMetricsButNotFunctionsLabelsDurationsOrVariables() {
		String expression = "histogram_quantile(0.95, sum by (le, service) (rate(sms_carrier_call_seconds_bucket"
				+ "{outcome=\"accepted\", uri=~\"/api/.*\"}[$__rate_interval]))) > 60 and on () "
				+ "(sum(increase(sms_messages_final_total[15m] offset 10m)) or vector(0)) == 1e3";
		assertThat(PromQl.metricNames(expression)).containsExactly("sms_carrier_call_seconds_bucket",
				"sms_messages_final_total");
	}

	@Test
	void readsMetricsInsideSubqueriesAndLabelReplace() {
		String expression = "deriv(sum by (topic) (kafka_consumer_fetch_manager_records_lag{topic=~\".*[.].*\"})[10m:1m])"
				+ " or label_replace(absent(up{service=\"a\"} == 1), \"service\", \"a\", \"\", \"\")";
		assertThat(PromQl.metricNames(expression)).containsExactly("kafka_consumer_fetch_manager_records_lag", "up");
	}

}
