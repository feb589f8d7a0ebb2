package dev.smspipeline.opschecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objects of each overlay refer to each other by name and by label; a typo there is
 * accepted by the API server and only shows as a Service without endpoints, a monitor
 * that scrapes nothing or a pod stuck in CreateContainerConfigError. These tests follow
 * every such reference in the manifests as written.
 */
class KubernetesReferencesTests {

	static List<Kustomization> overlays() {
		return Kustomization.overlays();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyServiceSelectorMatchesItsDeploymentLabels(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		List<K8sResource> services = ofKind(resources, "Service");
		assertThat(services).isNotEmpty();
		for (K8sResource service : services) {
			Map<String, String> selector = Yamls.stringMapAt(service.spec(), "selector");
			assertThat(deploymentsSelectedBy(resources, selector))
				.as("%s selects %s, which no Deployment's pods carry", service.describe(), selector)
				.isNotEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyServiceTargetPortIsANamedPortOfItsPods(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		for (K8sResource service : ofKind(resources, "Service")) {
			Map<String, String> selector = Yamls.stringMapAt(service.spec(), "selector");
			for (Object port : Yamls.listAt(service.spec(), "ports")) {
				String target = Yamls.stringAt(port, "targetPort");
				if (target == null || target.chars().allMatch(Character::isDigit)) {
					continue;
				}
				for (K8sResource deployment : deploymentsSelectedBy(resources, selector)) {
					assertThat(containerPortNames(deployment))
						.as("%s targets port '%s' of %s", service.describe(), target, deployment.describe())
						.contains(target);
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void serviceMonitorSelectsAServiceWithTheNamedPort(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		List<K8sResource> monitors = ofKind(resources, "ServiceMonitor");
		assertThat(monitors).as("a ServiceMonitor in %s", overlay).isNotEmpty();
		for (K8sResource monitor : monitors) {
			Map<String, String> selector = Yamls.stringMapAt(monitor.spec(), "selector", "matchLabels");
			List<K8sResource> selected = ofKind(resources, "Service").stream()
				.filter((service) -> K8sResource.selects(selector, service.labels()))
				.toList();
			assertThat(selected).as("%s selects %s: no Service has those labels", monitor.describe(), selector)
				.isNotEmpty();
			for (Object endpoint : Yamls.listAt(monitor.spec(), "endpoints")) {
				String port = Yamls.stringAt(endpoint, "port");
				assertThat(Yamls.stringAt(endpoint, "path")).isEqualTo("/actuator/prometheus");
				assertThat(Yamls.stringAt(endpoint, "honorLabels")).as("honorLabels keeps the services' own tags")
					.isEqualTo("true");
				for (K8sResource service : selected) {
					assertThat(servicePortNames(service))
						.as("%s scrapes port '%s' of %s", monitor.describe(), port, service.describe())
						.contains(port);
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void serviceMonitorScrapesTheManagementPortNotTheServicePort(Kustomization overlay) {
		for (K8sResource monitor : ofKind(overlay.resources(), "ServiceMonitor")) {
			for (Object endpoint : Yamls.listAt(monitor.spec(), "endpoints")) {
				assertThat(Yamls.stringAt(endpoint, "port")).as("port scraped by %s", monitor.describe())
					.isEqualTo("management");
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void serviceMonitorScrapesEveryPipelineService(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		Set<String> scraped = new LinkedHashSet<>();
		for (K8sResource monitor : ofKind(resources, "ServiceMonitor")) {
			Map<String, String> selector = Yamls.stringMapAt(monitor.spec(), "selector", "matchLabels");
			ofKind(resources, "Service").stream()
				.filter((service) -> K8sResource.selects(selector, service.labels()))
				.forEach((service) -> scraped.add(service.name()));
		}
		assertThat(scraped).contains("campaign-service", "dispatch-service", "status-service");
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyAutoscalerAndDisruptionBudgetTargetsAnExistingDeployment(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		Set<String> deployments = names(ofKind(resources, "Deployment"));
		List<K8sResource> autoscalers = ofKind(resources, "HorizontalPodAutoscaler");
		assertThat(names(autoscalers)).as("dispatch and status scale horizontally")
			.contains("dispatch-service", "status-service");
		for (K8sResource hpa : autoscalers) {
			assertThat(Yamls.stringAt(hpa.spec(), "scaleTargetRef", "kind")).isEqualTo("Deployment");
			assertThat(deployments).as("%s scales a Deployment that exists", hpa.describe())
				.contains(Yamls.stringAt(hpa.spec(), "scaleTargetRef", "name"));
			assertThat(Yamls.stringAt(hpa.spec(), "minReplicas")).isNotNull();
		}
		for (K8sResource pdb : ofKind(resources, "PodDisruptionBudget")) {
			Map<String, String> selector = Yamls.stringMapAt(pdb.spec(), "selector", "matchLabels");
			assertThat(deploymentsSelectedBy(resources, selector))
				.as("%s protects pods %s that no Deployment runs", pdb.describe(), selector)
				.isNotEmpty();
		}
		for (String service : List.of("campaign-service", "dispatch-service", "status-service")) {
			assertThat(ofKind(resources, "PodDisruptionBudget")).as("a PodDisruptionBudget for %s", service)
				.anyMatch((pdb) -> K8sResource.selects(Yamls.stringMapAt(pdb.spec(), "selector", "matchLabels"),
						deployment(resources, service).podLabels()));
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void autoscaledDeploymentsLeaveTheirReplicaCountToTheAutoscaler(Kustomization overlay) {
		// A replicas field would reset the autoscaler's choice on every apply.
		List<K8sResource> resources = overlay.resources();
		for (K8sResource hpa : ofKind(resources, "HorizontalPodAutoscaler")) {
			K8sResource deployment = deployment(resources, Yamls.stringAt(hpa.spec(), "scaleTargetRef", "name"));
			assertThat(deployment.spec()).as("%s has replicas", deployment.describe()).doesNotContainKey("replicas");
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyConfigMapAndSecretReferenceResolves(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		Set<String> configMaps = new LinkedHashSet<>(overlay.generatedConfigMaps());
		configMaps.addAll(names(ofKind(resources, "ConfigMap")));
		configMaps.addAll(OperatorProvided.configMaps());
		Map<String, Set<String>> secrets = new HashMap<>(OperatorProvided.secrets());
		overlay.generatedSecrets().forEach((name) -> secrets.put(name, Set.of("*")));
		ofKind(resources, "Secret").forEach((secret) -> secrets.put(secret.name(), Set.of("*")));

		List<String> unresolved = new ArrayList<>();
		for (K8sResource workload : ofKind(resources, "Deployment")) {
			for (Map<String, Object> container : workload.containers()) {
				for (Object source : Yamls.list(container.get("envFrom"))) {
					check(configMaps, Yamls.stringAt(source, "configMapRef", "name"), workload, unresolved);
					checkSecret(secrets, Yamls.stringAt(source, "secretRef", "name"), null, workload, unresolved);
				}
				for (Object variable : Yamls.list(container.get("env"))) {
					Object from = Yamls.at(variable, "valueFrom");
					check(configMaps, Yamls.stringAt(from, "configMapKeyRef", "name"), workload, unresolved);
					checkSecret(secrets, Yamls.stringAt(from, "secretKeyRef", "name"),
							Yamls.stringAt(from, "secretKeyRef", "key"), workload, unresolved);
				}
			}
			for (Object volume : Yamls.listAt(workload.podSpec(), "volumes")) {
				check(configMaps, Yamls.stringAt(volume, "configMap", "name"), workload, unresolved);
				checkSecret(secrets, Yamls.stringAt(volume, "secret", "secretName"), null, workload, unresolved);
			}
		}
		for (K8sResource ingress : ofKind(resources, "Ingress")) {
			for (Object tls : Yamls.listAt(ingress.spec(), "tls")) {
				checkSecret(secrets, Yamls.stringAt(tls, "secretName"), null, ingress, unresolved);
			}
		}
		assertThat(unresolved)
			.as("references to ConfigMaps/Secrets that are neither in %s nor in %s", overlay,
					Repository.relative(OperatorProvided.FILE))
			.isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyIngressBackendIsAnExistingServicePort(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		for (K8sResource ingress : ofKind(resources, "Ingress")) {
			for (Object rule : Yamls.listAt(ingress.spec(), "rules")) {
				for (Object path : Yamls.listAt(rule, "http", "paths")) {
					Object backend = Yamls.at(path, "backend", "service");
					String name = Yamls.stringAt(backend, "name");
					K8sResource service = ofKind(resources, "Service").stream()
						.filter((candidate) -> candidate.name().equals(name))
						.findFirst()
						.orElseThrow(
								() -> new AssertionError(ingress.describe() + " routes to missing Service " + name));
					String portName = Yamls.stringAt(backend, "port", "name");
					if (portName != null) {
						assertThat(servicePortNames(service)).contains(portName);
					}
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyPatchTargetsAResourceOfTheOverlay(Kustomization overlay) {
		List<K8sResource> resources = overlay.resources();
		for (String patchPath : overlay.patchPaths()) {
			for (Map<String, Object> patch : Repository.yamlDocuments(overlay.dir().resolve(patchPath))) {
				K8sResource target = new K8sResource(overlay.dir().resolve(patchPath), patch);
				assertThat(resources).as("%s patches something that is not there", target.describe())
					.anyMatch((resource) -> resource.is(target.kind()) && resource.name().equals(target.name()));
			}
		}
		for (Map<String, Object> target : overlay.inlinePatchTargets()) {
			assertThat(resources).as("the inline patch of %s targeting %s matches nothing", overlay, target)
				.anyMatch((resource) -> matches(target, resource));
		}
	}

	static List<K8sResource> ofKind(List<K8sResource> resources, String kind) {
		return resources.stream().filter((resource) -> resource.is(kind)).toList();
	}

	static K8sResource deployment(List<K8sResource> resources, String name) {
		return ofKind(resources, "Deployment").stream()
			.filter((deployment) -> deployment.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Deployment " + name));
	}

	private static List<K8sResource> deploymentsSelectedBy(List<K8sResource> resources, Map<String, String> selector) {
		return ofKind(resources, "Deployment").stream()
			.filter((deployment) -> K8sResource.selects(selector, deployment.podLabels()))
			.toList();
	}

	private static Set<String> containerPortNames(K8sResource deployment) {
		Set<String> names = new LinkedHashSet<>();
		for (Map<String, Object> container : deployment.containers()) {
			Yamls.list(container.get("ports")).forEach((port) -> names.add(Yamls.stringAt(port, "name")));
		}
		return names;
	}

	private static Set<String> servicePortNames(K8sResource service) {
		Set<String> names = new LinkedHashSet<>();
		Yamls.listAt(service.spec(), "ports").forEach((port) -> names.add(Yamls.stringAt(port, "name")));
		return names;
	}

	private static Set<String> names(List<K8sResource> resources) {
		Set<String> names = new LinkedHashSet<>();
		resources.forEach((resource) -> names.add(resource.name()));
		return names;
	}

	private static boolean matches(Map<String, Object> target, K8sResource resource) {
		String group = Yamls.stringAt(target, "group");
		String kind = Yamls.stringAt(target, "kind");
		String name = Yamls.stringAt(target, "name");
		return (group == null || group.equals(resource.group())) && (kind == null || kind.equals(resource.kind()))
				&& (name == null || name.equals(resource.name()));
	}

	private static void check(Set<String> configMaps, String name, K8sResource user, List<String> unresolved) {
		if (name != null && !configMaps.contains(name)) {
			unresolved.add("ConfigMap " + name + " in " + user.describe());
		}
	}

	private static void checkSecret(Map<String, Set<String>> secrets, String name, String key, K8sResource user,
			List<String> unresolved) {
		if (name == null) {
			return;
		}
		Set<String> keys = secrets.get(name);
		if (keys == null) {
			unresolved.add("Secret " + name + " in " + user.describe());
		}
		else if (key != null && !keys.contains("*") && !keys.contains(key)) {
			unresolved.add("key " + key + " of Secret " + name + " in " + user.describe());
		}
	}

}
