package dev.smspipeline.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.smspipeline.platform.logging.MaskingJsonMembersCustomizer;

/**
 * The observability defaults of every service, in one place and with the lowest
 * precedence, so a service's {@code application.yml}, a profile, a system property or an
 * environment variable overrides any of them:
 * <ul>
 * <li>common tags {@code service} (the application name) and {@code instance} (host and
 * port: three services on one host stay apart) on every meter;</li>
 * <li>every trace sampled ({@code management.tracing.sampling.probability=1.0}); spans
 * are exported over OTLP only when
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} is set;</li>
 * <li>Kafka observations on Boot's template and container factory (the platform's
 * {@code KafkaTelemetry} turns them on for the services' own ones);</li>
 * <li>no observation (trace, timer) per run of a {@code @Scheduled} job: a release round
 * every 100 ms would otherwise be a trace of its own, and texts published from the outbox
 * start their own trace anyway;</li>
 * <li>phone numbers masked in every value of structured (JSON) logs, which stay off
 * unless {@code logging.structured.format.console} is set (e.g. {@code ecs}).</li>
 * </ul>
 */
class ObservabilityDefaults implements EnvironmentPostProcessor {

	/** The name of the property source holding the defaults. */
	static final String NAME = "smsObservabilityDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource(NAME, defaults()));
	}

	static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.metrics.tags.service", "${spring.application.name:unknown}");
		defaults.put("management.metrics.tags.instance", "${HOSTNAME:localhost}:${server.port:8080}");
		defaults.put("management.tracing.sampling.probability", "1.0");
		// Exemplars on every timer's _count make Prometheus servers before 2.43 (Debian
		// 12's 2.42 among them) refuse the whole scrape; trace ids are in the logs.
		defaults.put("management.tracing.exemplars.include", "none");
		defaults.put("management.observations.enable.tasks.scheduled.execution", "false");
		defaults.put("spring.kafka.template.observation-enabled", "true");
		defaults.put("spring.kafka.listener.observation-enabled", "true");
		defaults.put("logging.structured.json.customizer", MaskingJsonMembersCustomizer.class.getName());
		return defaults;
	}

}
