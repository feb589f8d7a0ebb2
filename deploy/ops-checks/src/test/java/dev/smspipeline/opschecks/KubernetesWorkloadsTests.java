package dev.smspipeline.opschecks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every workload of an overlay must have to be operable: probes on the health groups
 * ({@code /livez}, {@code /readyz} on the service port), the management port where the
 * service listens for it, resource requests and limits, a pinned image, and only settings
 * the service reads.
 */
class KubernetesWorkloadsTests {

	static List<Kustomization> overlays() {
		return Kustomization.overlays();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyContainerHasReadinessAndLivenessProbesAndResources(Kustomization overlay) {
		for (K8sResource deployment : KubernetesReferencesTests.ofKind(overlay.resources(), "Deployment")) {
			for (Map<String, Object> container : deployment.containers()) {
				String name = deployment.describe() + " container " + container.get("name");
				assertThat(container).as(name).containsKeys("readinessProbe", "livenessProbe");
				assertThat(Yamls.stringMapAt(container, "resources", "requests")).as(name + " requests")
					.containsKeys("cpu", "memory");
				assertThat(Yamls.stringMapAt(container, "resources", "limits")).as(name + " limits")
					.containsKey("memory");
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void servicesProbeTheHealthGroupsOnTheServicePort(Kustomization overlay) {
		for (String service : ServiceVariables.SERVICES) {
			K8sResource deployment = KubernetesReferencesTests.deployment(overlay.resources(), service);
			Map<String, Object> container = deployment.containers().get(0);
			assertThat(Yamls.stringAt(container, "readinessProbe", "httpGet", "path")).as(service).isEqualTo("/readyz");
			assertThat(Yamls.stringAt(container, "livenessProbe", "httpGet", "path")).as(service).isEqualTo("/livez");
			for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
				if (container.containsKey(probe)) {
					assertThat(Yamls.stringAt(container, probe, "httpGet", "port")).as("%s %s", service, probe)
						.isEqualTo("http");
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void servicesListenWhereTheirContainerPortsSayWithManagementAtTheServicePortPlus1000(Kustomization overlay) {
		for (String service : ServiceVariables.SERVICES) {
			K8sResource deployment = KubernetesReferencesTests.deployment(overlay.resources(), service);
			Map<String, Object> container = deployment.containers().get(0);
			Map<String, String> settings = new LinkedHashMap<>();
			for (Object source : Yamls.list(container.get("envFrom"))) {
				String configMap = Yamls.stringAt(source, "configMapRef", "name");
				if (configMap != null) {
					settings.putAll(overlay.generatedConfigMapData(configMap));
				}
			}
			String http = containerPort(container, "http");
			String management = containerPort(container, "management");
			assertThat(settings.get("SERVER_PORT")).as("%s SERVER_PORT", service).isEqualTo(http);
			assertThat(settings.get("MANAGEMENT_SERVER_PORT")).as("%s MANAGEMENT_SERVER_PORT", service)
				.isEqualTo(management);
			assertThat(Integer.parseInt(management)).as("%s management port", service)
				.isEqualTo(Integer.parseInt(http) + 1000);
		}
	}

	private static String containerPort(Map<String, Object> container, String name) {
		return Yamls.list(container.get("ports"))
			.stream()
			.filter((port) -> name.equals(Yamls.stringAt(port, "name")))
			.map((port) -> Yamls.stringAt(port, "containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyImageHasAPinnedTag(Kustomization overlay) {
		// The overlay's images: field sets the tags of our own images; kustomize is not
		// run
		// here, so those are read from it.
		List<String> retagged = new ArrayList<>();
		for (Object image : Yamls.listAt(Repository.yamlDocument(overlay.dir().resolve("kustomization.yaml")),
				"images")) {
			assertThat(Yamls.stringAt(image, "newTag")).as("tag of %s", Yamls.stringAt(image, "name"))
				.isNotBlank()
				.isNotEqualTo("latest");
			retagged.add(Yamls.stringAt(image, "name"));
		}
		for (K8sResource deployment : KubernetesReferencesTests.ofKind(overlay.resources(), "Deployment")) {
			for (Map<String, Object> container : deployment.containers()) {
				String image = container.get("image").toString();
				if (!retagged.contains(image)) {
					assertThat(image).as("image of %s", deployment.describe())
						.matches(".+:[^:/]+")
						.doesNotEndWith(":latest");
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyVariableGivenToAServiceIsOneItReads(Kustomization overlay) {
		for (String service : ServiceVariables.SERVICES) {
			K8sResource deployment = KubernetesReferencesTests.deployment(overlay.resources(), service);
			List<String> variables = new ArrayList<>();
			for (Map<String, Object> container : deployment.containers()) {
				for (Object source : Yamls.list(container.get("envFrom"))) {
					String configMap = Yamls.stringAt(source, "configMapRef", "name");
					if (configMap != null) {
						variables.addAll(overlay.generatedConfigMapData(configMap).keySet());
					}
				}
				Yamls.list(container.get("env")).forEach((variable) -> variables.add(Yamls.stringAt(variable, "name")));
			}
			assertThat(variables).as("%s's environment", service).isNotEmpty();
			assertThat(variables).as("variables %s does not read", service)
				.allMatch((variable) -> ServiceVariables.reads(service, variable));
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void dispatchAndStatusJoinTheirConsumerGroupsUnderThePodName(Kustomization overlay) {
		// Static membership: the id must differ between pods (two live consumers with one
		// id
		// fence each other) and stay the same when the container restarts in its pod.
		Map<String, String> variables = Map.of("dispatch-service", "SMS_INTAKE_GROUP_INSTANCE_ID", "status-service",
				"SMS_STORE_GROUP_INSTANCE_ID");
		variables.forEach((service, name) -> {
			K8sResource deployment = KubernetesReferencesTests.deployment(overlay.resources(), service);
			Object variable = Yamls.list(deployment.containers().get(0).get("env"))
				.stream()
				.filter((candidate) -> name.equals(Yamls.stringAt(candidate, "name")))
				.findFirst()
				.orElse(null);
			assertThat(variable).as("%s of %s", name, service).isNotNull();
			assertThat(Yamls.stringAt(variable, "valueFrom", "fieldRef", "fieldPath")).as("%s of %s", name, service)
				.isEqualTo("metadata.name");
		});
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void servicesGetKafkaRegistryAndDatabaseSettings(Kustomization overlay) {
		for (String service : ServiceVariables.SERVICES) {
			K8sResource deployment = KubernetesReferencesTests.deployment(overlay.resources(), service);
			List<String> variables = new ArrayList<>();
			for (Object source : Yamls.list(deployment.containers().get(0).get("envFrom"))) {
				String configMap = Yamls.stringAt(source, "configMapRef", "name");
				variables.addAll(overlay.generatedConfigMapData(configMap).keySet());
			}
			Yamls.list(deployment.containers().get(0).get("env"))
				.forEach((variable) -> variables.add(Yamls.stringAt(variable, "name")));
			assertThat(variables).as(service)
				.contains("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "DATABASE_URL", "DATABASE_USERNAME",
						"DATABASE_PASSWORD");
		}
	}

}
