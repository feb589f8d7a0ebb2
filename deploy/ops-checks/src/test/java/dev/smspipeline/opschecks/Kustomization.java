package dev.smspipeline.opschecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A kustomization.yaml and what it brings together, read without running kustomize: its
 * resources (its own files and its bases', recursively), the ConfigMaps and Secrets its
 * generators make, its patches. Of the transformers only {@code labels} is applied (to
 * metadata, as the kustomizations here ask), because selectors are checked against it.
 */
final class Kustomization {

	static final Path K8S = Repository.path("deploy/k8s");

	private final Path dir;

	private final Map<String, Object> document;

	private Kustomization(Path dir) {
		this.dir = dir;
		this.document = Repository.yamlDocument(dir.resolve("kustomization.yaml"));
	}

	static Kustomization of(Path dir) {
		return new Kustomization(dir.toAbsolutePath().normalize());
	}

	/** The overlays under deploy/k8s/overlays, each a deployable whole. */
	static List<Kustomization> overlays() {
		try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
			return dirs.filter((dir) -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
				.sorted()
				.map(Kustomization::of)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every kustomization.yaml under deploy/k8s. */
	static List<Kustomization> all() {
		try (Stream<Path> files = Files.walk(K8S)) {
			return files.filter((file) -> file.getFileName().toString().equals("kustomization.yaml"))
				.sorted()
				.map((file) -> of(file.getParent()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path dir() {
		return this.dir;
	}

	String name() {
		return Repository.relative(this.dir);
	}

	@Override
	public String toString() {
		return name();
	}

	/** The entries of {@code resources:} as written. */
	List<String> resourceEntries() {
		return Yamls.listAt(this.document, "resources").stream().map(Object::toString).toList();
	}

	/** Paths of {@code patches:} entries that name a file. */
	List<String> patchPaths() {
		List<String> paths = new ArrayList<>();
		for (Object patch : Yamls.listAt(this.document, "patches")) {
			String path = Yamls.stringAt(patch, "path");
			if (path != null) {
				paths.add(path);
			}
		}
		return paths;
	}

	/** The {@code target:} of inline patches. */
	List<Map<String, Object>> inlinePatchTargets() {
		List<Map<String, Object>> targets = new ArrayList<>();
		for (Object patch : Yamls.listAt(this.document, "patches")) {
			if (Yamls.stringAt(patch, "patch") != null) {
				targets.add(Yamls.mapAt(patch, "target"));
			}
		}
		return targets;
	}

	/** All objects of this kustomization, its bases' included. */
	List<K8sResource> resources() {
		List<K8sResource> resources = new ArrayList<>();
		for (String entry : resourceEntries()) {
			Path path = this.dir.resolve(entry).normalize();
			if (Files.isDirectory(path)) {
				resources.addAll(of(path).resources());
			}
			else {
				Repository.yamlDocuments(path).forEach((document) -> resources.add(new K8sResource(path, document)));
			}
		}
		Map<String, String> labels = labels();
		for (K8sResource resource : resources) {
			if (!(resource.document().get("metadata") instanceof Map<?, ?>)) {
				continue;
			}
			Map<String, Object> metadata = Yamls.map(resource.document().get("metadata"));
			Map<String, Object> merged = new LinkedHashMap<>(Yamls.map(metadata.get("labels")));
			merged.putAll(labels);
			metadata.put("labels", merged);
		}
		return resources;
	}

	/** Names of the ConfigMaps its generators (and its bases') make. */
	Set<String> generatedConfigMaps() {
		return generated("configMapGenerator");
	}

	/** Names of the Secrets its generators (and its bases') make. */
	Set<String> generatedSecrets() {
		return generated("secretGenerator");
	}

	/**
	 * Literal keys of one generated ConfigMap, merged over the bases' (behavior: merge).
	 */
	Map<String, String> generatedConfigMapData(String name) {
		Map<String, String> data = new LinkedHashMap<>();
		for (Kustomization base : bases()) {
			data.putAll(base.generatedConfigMapData(name));
		}
		for (Object generator : Yamls.listAt(this.document, "configMapGenerator")) {
			if (name.equals(Yamls.stringAt(generator, "name"))) {
				for (Object literal : Yamls.listAt(generator, "literals")) {
					String text = literal.toString();
					int equals = text.indexOf('=');
					data.put(text.substring(0, equals), text.substring(equals + 1));
				}
			}
		}
		return data;
	}

	private Set<String> generated(String field) {
		Set<String> names = new LinkedHashSet<>();
		bases().forEach((base) -> names.addAll(base.generated(field)));
		Yamls.listAt(this.document, field).forEach((generator) -> names.add(Yamls.stringAt(generator, "name")));
		return names;
	}

	private List<Kustomization> bases() {
		return resourceEntries().stream()
			.map((entry) -> this.dir.resolve(entry).normalize())
			.filter(Files::isDirectory)
			.map(Kustomization::of)
			.toList();
	}

	private Map<String, String> labels() {
		Map<String, String> labels = new LinkedHashMap<>();
		for (Object entry : Yamls.listAt(this.document, "labels")) {
			labels.putAll(Yamls.stringMapAt(entry, "pairs"));
		}
		return labels;
	}

}
