package dev.smspipeline.opschecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an on-call person needs from every alert rule: a severity to route on, a summary,
 * a description and a runbook line, and metrics that exist. (promtool checks and
 * unit-tests the rules: deploy/prometheus/check.sh.)
 */
class AlertRulesTests {

	private final Map<String, Object> alerts = Repository.yamlDocument(Repository.path("deploy/prometheus/alerts.yml"));

	@Test
	void everyAlertHasASeverityASummaryADescriptionAndARunbook() {
		List<Object> rules = rules();
		assertThat(rules).isNotEmpty();
		for (Object rule : rules) {
			String name = Yamls.stringAt(rule, "alert");
			assertThat(name).as("every rule is an alert").isNotNull();
			assertThat(Yamls.stringAt(rule, "labels", "severity")).as(name).isIn("critical", "warning", "info");
			assertThat(Yamls.stringMapAt(rule, "annotations")).as(name)
				.containsKeys("summary", "description", "runbook");
		}
	}

	@Test
	void everyMetricOfTheRulesIsCataloguedOrStandard() {
		List<String> unknown = new ArrayList<>();
		for (Object rule : rules()) {
			for (String metric : PromQl.metricNames(Yamls.stringAt(rule, "expr"))) {
				if (!MetricCatalogue.knows(metric)) {
					unknown.add(metric + " (" + Yamls.stringAt(rule, "alert") + ")");
				}
			}
		}
		assertThat(unknown).isEmpty();
	}

	@Test
	void theAlertsTheIssueAsksForAreThere() {
		List<String> names = rules().stream().map((rule) -> Yamls.stringAt(rule, "alert")).toList();
		assertThat(names).contains("SmsConsumerLagGrowing", "SmsCarrierErrorRateHigh", "SmsNoDeliveries",
				"SmsCampaignUnknownShareHigh", "SmsServiceInstanceDown", "SmsDeadLetterRecords");
	}

	@Test
	void everyAlertIsUnitTested() {
		Map<String, Object> tests = Repository.yamlDocument(Repository.path("deploy/prometheus/alerts.test.yml"));
		List<String> tested = new ArrayList<>();
		for (Object test : Yamls.listAt(tests, "tests")) {
			Yamls.listAt(test, "alert_rule_test").forEach((check) -> tested.add(Yamls.stringAt(check, "alertname")));
		}
		assertThat(tested).containsAll(rules().stream().map((rule) -> Yamls.stringAt(rule, "alert")).toList());
	}

	private List<Object> rules() {
		List<Object> rules = new ArrayList<>();
		Yamls.listAt(this.alerts, "groups").forEach((group) -> rules.addAll(Yamls.listAt(group, "rules")));
		return rules;
	}

}
