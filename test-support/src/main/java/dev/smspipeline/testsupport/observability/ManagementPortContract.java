package dev.smspipeline.testsupport.observability;

import org.junit.jupiter.api.Test;

import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service serves on which port, run by each service's
 * {@code ManagementPortIntegrationTests} against the service started whole:
 *
 * <pre>
 * &#64;CampaignServiceTest
 * class ManagementPortIntegrationTests implements ManagementPortContract {
 *     &#64;LocalServerPort int servicePort;
 *     &#64;LocalManagementPort int managementPort;
 *     // servicePort() and managementPort() return them
 * }
 * </pre>
 *
 * Metrics and the full health answer on the management port only; the service port keeps
 * the liveness and readiness probes ({@code /livez}, {@code /readyz}), which need no API
 * key, and answers everything under {@code /actuator} like any unknown path: 404
 * problem+json, never a metric.
 */
public interface ManagementPortContract {

	/** The port the service's API listens on. */
	int servicePort();

	/** The port its management server (actuator) listens on. */
	int managementPort();

	@Test
	default void servesPrometheusMetricsOnTheManagementPort() {
		Prometheus scrape = Prometheus.scrape(managementPort());

		assertThat(scrape.samples("jvm_memory_used_bytes", "area=\"heap\"")).isNotEmpty();
	}

	@Test
	default void servesTheFullHealthOnTheManagementPort() {
		ApiResponse health = onManagementPort().get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.<String>json("$.status")).isEqualTo("UP");
	}

	@Test
	default void exposesNoOtherActuatorEndpointOnTheManagementPort() {
		assertThat(onManagementPort().get("/actuator/env").status()).isEqualTo(404);
	}

	@Test
	default void answersPrometheusOnTheServicePortWith404ProblemAndNoMetric() {
		ApiResponse response = onServicePort().get("/actuator/prometheus");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("jvm_");
	}

	@Test
	default void answersHealthOnTheServicePortWith404Problem() {
		ApiResponse response = onServicePort().get("/actuator/health");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	default void answersReadinessOnTheServicePortWithoutAKey() {
		ApiResponse readiness = onServicePort().get("/readyz");

		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.<String>json("$.status")).isEqualTo("UP");
	}

	@Test
	default void answersLivenessOnTheServicePortWithoutAKey() {
		ApiResponse liveness = onServicePort().get("/livez");

		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.<String>json("$.status")).isEqualTo("UP");
	}

	@Test
	default void answersAnUnknownPathOnTheServicePortWith404Problem() {
		ApiResponse response = onServicePort().get("/no-such-path");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<Integer>json("$.status")).isEqualTo(404);
	}

	private ApiClient onServicePort() {
		return ApiClient.anonymous("http://localhost:" + servicePort());
	}

	private ApiClient onManagementPort() {
		return ApiClient.anonymous("http://localhost:" + managementPort());
	}

}
