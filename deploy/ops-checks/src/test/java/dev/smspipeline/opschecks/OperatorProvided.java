package dev.smspipeline.opschecks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * deploy/k8s/operator-provided.yaml: the Secrets and ConfigMaps the manifests use but do
 * not contain, created by whoever runs the cluster.
 */
final class OperatorProvided {

	static final Path FILE = Repository.path("deploy/k8s/operator-provided.yaml");

	private OperatorProvided() {
	}

	/** Secret name to its keys. */
	static Map<String, Set<String>> secrets() {
		Map<String, Set<String>> secrets = new LinkedHashMap<>();
		for (Object secret : Yamls.listAt(Repository.yamlDocument(FILE), "secrets")) {
			Set<String> keys = new LinkedHashSet<>();
			Yamls.listAt(secret, "keys").forEach((key) -> keys.add(key.toString()));
			secrets.put(Yamls.stringAt(secret, "name"), keys);
		}
		return secrets;
	}

	static Set<String> configMaps() {
		Set<String> names = new LinkedHashSet<>();
		Yamls.listAt(Repository.yamlDocument(FILE), "configMaps")
			.forEach((configMap) -> names.add(Yamls.stringAt(configMap, "name")));
		return names;
	}

}
