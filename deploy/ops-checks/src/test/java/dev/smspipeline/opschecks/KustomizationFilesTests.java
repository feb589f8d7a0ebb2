package dev.smspipeline.opschecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kustomizations' own references: the files and directories they list exist, and the
 * PrometheusRule is deploy/prometheus/alerts.yml, unchanged.
 */
class KustomizationFilesTests {

	static List<Kustomization> kustomizations() {
		return Kustomization.all();
	}

	@ParameterizedTest
	@MethodSource("kustomizations")
	void everyKustomizationResourceAndPatchPathExists(Kustomization kustomization) {
		for (String entry : kustomization.resourceEntries()) {
			Path path = kustomization.dir().resolve(entry).normalize();
			assertThat(Files.isRegularFile(path) || Files.isRegularFile(path.resolve("kustomization.yaml")))
				.as("resource %s of %s: a file, or a directory with a kustomization.yaml", entry, kustomization)
				.isTrue();
		}
		for (String patch : kustomization.patchPaths()) {
			assertThat(kustomization.dir().resolve(patch)).as("patch of %s", kustomization).isRegularFile();
		}
	}

	@Test
	void thereAreADevAndAProductionOverlay() {
		assertThat(Kustomization.overlays()).extracting((overlay) -> overlay.dir().getFileName().toString())
			.contains("dev", "production");
	}

	@Test
	void prometheusRuleHoldsExactlyTheAlertRulesOfDeployPrometheus() {
		Map<String, Object> alerts = Repository.yamlDocument(Repository.path("deploy/prometheus/alerts.yml"));
		Map<String, Object> rule = Repository
			.yamlDocument(Repository.path("deploy/k8s/base/monitoring/prometheus-rule.yaml"));
		assertThat(Yamls.stringAt(rule, "kind")).isEqualTo("PrometheusRule");
		assertThat(Yamls.mapAt(rule, "spec")).as("out of date: run deploy/k8s/sync-alerts.sh").isEqualTo(alerts);
	}

}
