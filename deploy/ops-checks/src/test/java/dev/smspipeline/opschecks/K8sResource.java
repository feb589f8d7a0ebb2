package dev.smspipeline.opschecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object as written in a manifest file.
 *
 * @param file the manifest it comes from
 * @param document the object
 */
record K8sResource(Path file, Map<String, Object> document) {

	String kind() {
		return Yamls.stringAt(this.document, "kind");
	}

	String name() {
		return Yamls.stringAt(this.document, "metadata", "name");
	}

	/** The API group: {@code apps} for {@code apps/v1}, empty for the core group. */
	String group() {
		String apiVersion = Yamls.stringAt(this.document, "apiVersion");
		return (apiVersion != null && apiVersion.contains("/")) ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
	}

	boolean is(String kind) {
		return kind.equals(kind());
	}

	Map<String, String> labels() {
		return Yamls.stringMapAt(this.document, "metadata", "labels");
	}

	Map<String, Object> spec() {
		return Yamls.mapAt(this.document, "spec");
	}

	/** The pod template's labels of a workload. */
	Map<String, String> podLabels() {
		return Yamls.stringMapAt(this.document, "spec", "template", "metadata", "labels");
	}

	Map<String, Object> podSpec() {
		return Yamls.mapAt(this.document, "spec", "template", "spec");
	}

	List<Map<String, Object>> containers() {
		List<Map<String, Object>> containers = new ArrayList<>();
		Yamls.listAt(podSpec(), "containers").forEach((container) -> containers.add(Yamls.map(container)));
		Yamls.listAt(podSpec(), "initContainers").forEach((container) -> containers.add(Yamls.map(container)));
		return containers;
	}

	/** Where a failed check points the reader. */
	String describe() {
		return kind() + "/" + name() + " (" + Repository.relative(this.file) + ")";
	}

	/** Does a label selector ({@code matchLabels} or a Service's plain map) match? */
	static boolean selects(Map<String, String> selector, Map<String, String> labels) {
		return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
	}

}
