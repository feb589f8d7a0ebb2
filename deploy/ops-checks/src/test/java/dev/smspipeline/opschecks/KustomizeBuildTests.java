package dev.smspipeline.opschecks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds each overlay with kubectl's kustomize, which resolves everything the other tests
 * read by hand (generators, patches, image tags). kubectl is not in Debian's archive, so
 * machines without it skip this one test; the parsing tests always run.
 */
class KustomizeBuildTests {

	static List<Kustomization> overlays() {
		return Kustomization.overlays();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyOverlayBuildsWithKubectlKustomize(Kustomization overlay) throws Exception {
		Assumptions.assumeTrue(kubectlAvailable(),
				"kubectl is not installed: skipping `kubectl kustomize`; the manifests were still parsed and cross-checked");
		Path output = Files.createTempFile("kustomize-", ".log");
		try {
			Process process = new ProcessBuilder("kubectl", "kustomize", overlay.dir().toString())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize finished").isTrue();
			String log = Files.readString(output, StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", overlay, tail(log)).isZero();
			assertThat(log).contains("kind: Deployment");
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static boolean kubectlAvailable() {
		try {
			Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String tail(String log) {
		return (log.length() > 4000) ? log.substring(log.length() - 4000) : log;
	}

}
