package dev.smspipeline.opschecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's files as the checks read them: paths from the repository root, YAML
 * documents as plain maps and lists.
 */
final class Repository {

	static final Path ROOT = findRoot();

	private Repository() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every non-empty document of a YAML file (Kubernetes files hold several). */
	static List<Map<String, Object>> yamlDocuments(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yaml().loadAll(read(file))) {
			if (document != null) {
				documents.add(Yamls.map(document));
			}
		}
		return documents;
	}

	static Map<String, Object> yamlDocument(Path file) {
		return Yamls.map(yaml().load(read(file)));
	}

	static String relative(Path file) {
		return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
	}

	// Safe loading: plain maps, lists and scalars; merge keys (<<) are resolved.
	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	// Maven runs the tests in the module's directory; the root is where mvnw and deploy/
	// are.
	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy")))) {
			dir = dir.getParent();
		}
		return Objects.requireNonNull(dir, "no repository root (mvnw and deploy/) above the working directory");
	}

}
