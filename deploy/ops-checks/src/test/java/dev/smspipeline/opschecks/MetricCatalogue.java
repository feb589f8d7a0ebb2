package dev.smspipeline.opschecks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric catalogue (src/test/resources/metrics-catalogue.txt) and the metric families
 * that come with Spring Boot, Micrometer, the Kafka clients and Prometheus.
 */
final class MetricCatalogue {

	private static final List<String> STANDARD_PREFIXES = List.of("jvm_", "process_", "http_", "kafka_", "system_");

	private static final Set<String> PROMETHEUS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

	private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

	private static final Set<String> NAMES = load();

	private MetricCatalogue() {
	}

	static boolean knows(String metric) {
		return PROMETHEUS.contains(metric) || STANDARD_PREFIXES.stream().anyMatch(metric::startsWith)
				|| NAMES.contains(metric);
	}

	private static Set<String> load() {
		Set<String> names = new LinkedHashSet<>();
		try (InputStream in = MetricCatalogue.class.getResourceAsStream("/metrics-catalogue.txt")) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (String line : text.split("\n")) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				String[] parts = trimmed.split("\\s+");
				names.add(parts[0]);
				if (parts.length > 1 && parts[1].equals("histogram")) {
					HISTOGRAM_SUFFIXES.forEach((suffix) -> names.add(parts[0] + suffix));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

}
