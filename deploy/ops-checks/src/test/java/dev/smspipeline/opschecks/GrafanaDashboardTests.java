package dev.smspipeline.opschecks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards: every panel queries something, only metrics that exist, through
 * the datasource the provisioning defines. (deploy/prometheus/check.sh has promtool parse
 * every expression.)
 */
class GrafanaDashboardTests {

	static final Path GRAFANA = Repository.path("deploy/grafana");

	static List<Path> dashboards() throws IOException {
		try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
	}

	@Test
	void thereIsADashboard() throws IOException {
		assertThat(dashboards()).isNotEmpty();
	}

	@ParameterizedTest
	@MethodSource("dashboards")
	void everyPanelHasATargetWithAnExpression(Path dashboard) throws IOException {
		List<JsonNode> panels = panels(read(dashboard));
		assertThat(panels).isNotEmpty();
		for (JsonNode panel : panels) {
			assertThat(panel.path("targets")).as("targets of panel '%s'", panel.path("title").asText()).isNotEmpty();
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("expr").asText()).as("expr of panel '%s'", panel.path("title").asText())
					.isNotBlank();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("dashboards")
	void everyMetricIsCataloguedOrStandard(Path dashboard) throws IOException {
		List<String> unknown = new ArrayList<>();
		for (JsonNode panel : panels(read(dashboard))) {
			for (JsonNode target : panel.path("targets")) {
				for (String metric : PromQl.metricNames(target.path("expr").asText())) {
					if (!MetricCatalogue.knows(metric)) {
						unknown.add(metric + " (panel '" + panel.path("title").asText() + "')");
					}
				}
			}
		}
		assertThat(unknown).as("metrics neither in the catalogue nor standard").isEmpty();
	}

	@ParameterizedTest
	@MethodSource("dashboards")
	void everyPanelQueriesTheDatasourceVariable(Path dashboard) throws IOException {
		JsonNode root = read(dashboard);
		assertThat(root.path("templating").path("list").findValuesAsText("name")).contains("DS_PROMETHEUS");
		for (JsonNode panel : panels(root)) {
			assertThat(panel.path("datasource").path("uid").asText()).as("panel '%s'", panel.path("title").asText())
				.isEqualTo("${DS_PROMETHEUS}");
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
			}
		}
	}

	@Test
	void datasourceVariableDefaultsToTheProvisionedDatasource() throws IOException {
		Map<String, Object> provisioning = Repository
			.yamlDocument(GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
		String uid = Yamls.stringAt(Yamls.listAt(provisioning, "datasources").get(0), "uid");
		for (Path dashboard : dashboards()) {
			JsonNode variable = read(dashboard).path("templating").path("list").get(0);
			assertThat(variable.path("current").path("value").asText()).isEqualTo(uid);
		}
	}

	@Test
	void dashboardProviderReadsWhereComposeMountsTheDashboards() {
		Map<String, Object> provider = Repository.yamlDocument(GRAFANA.resolve("provisioning/dashboards/sms.yml"));
		String path = Yamls.stringAt(Yamls.listAt(provider, "providers").get(0), "options", "path");
		Map<String, Object> grafana = Yamls.mapAt(ComposeTests.compose(), "services", "grafana");
		assertThat(Yamls.list(grafana.get("volumes"))).map(Object::toString)
			.contains("../grafana/dashboards:" + path + ":ro");
	}

	static JsonNode read(Path dashboard) throws IOException {
		return new ObjectMapper().readTree(dashboard.toFile());
	}

	/** Panels with queries: rows are layout only (their nested panels are included). */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if ("row".equals(panel.path("type").asText())) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

}
