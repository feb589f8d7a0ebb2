package dev.smspipeline.opschecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose/compose.yaml without Docker: every name it refers to resolves (services,
 * volumes, files), everything that others wait for reports its health, and the services
 * get settings they actually read.
 */
class ComposeTests {

	static final Path COMPOSE_DIR = Repository.path("deploy/compose");

	static Map<String, Object> compose() {
		return Repository.yamlDocument(COMPOSE_DIR.resolve("compose.yaml"));
	}

	private final Map<String, Object> services = Yamls.mapAt(compose(), "services");

	@Test
	void everyDependsOnServiceExistsAndHasAHealthCheck() {
		this.services.forEach((name, service) -> {
			for (String dependency : dependencies(service)) {
				assertThat(this.services).as("%s depends on %s", name, dependency).containsKey(dependency);
				assertThat(Yamls.mapAt(this.services.get(dependency), "healthcheck"))
					.as("%s, which %s waits for, has a health check", dependency, name)
					.containsKey("test");
				assertThat(Yamls.stringAt(service, "depends_on", dependency, "condition"))
					.as("%s waits until %s is healthy", name, dependency)
					.isEqualTo("service_healthy");
			}
		});
	}

	@Test
	void everyServiceRestartsAndReportsItsHealth() {
		this.services.forEach((name, service) -> {
			assertThat(Yamls.stringAt(service, "restart")).as("restart policy of %s", name)
				.isIn("unless-stopped", "always", "on-failure");
			assertThat(Yamls.mapAt(service, "healthcheck")).as("health check of %s", name).containsKey("test");
		});
	}

	@Test
	void springServicesAreHealthyWhenTheirReadinessGroupIsUpOnTheServicePort() {
		for (String service : ServiceVariables.SERVICES) {
			String port = Yamls.stringAt(this.services.get(service), "environment", "SERVER_PORT");
			assertThat(String.join(" ", healthTest(service))).as(service)
				.contains("/dev/tcp/localhost/" + port + " ")
				.contains("GET /readyz ");
		}
	}

	@Test
	void springServicesHaveTheirManagementPortAtTheServicePortPlus1000() {
		for (String service : ServiceVariables.SERVICES) {
			Map<String, Object> environment = Yamls.mapAt(this.services.get(service), "environment");
			int port = Integer.parseInt(String.valueOf(environment.get("SERVER_PORT")));
			assertThat(String.valueOf(environment.get("MANAGEMENT_SERVER_PORT"))).as(service)
				.isEqualTo(String.valueOf(port + 1000));
		}
	}

	@Test
	void managementPortsArePublishedOnTheHostLoopbackOnly() {
		for (String service : ServiceVariables.SERVICES) {
			String management = Yamls.stringAt(this.services.get(service), "environment", "MANAGEMENT_SERVER_PORT");
			List<String> published = Yamls.listAt(this.services.get(service), "ports")
				.stream()
				.map(Object::toString)
				.filter((mapping) -> mapping.endsWith(":" + management))
				.toList();
			assertThat(published).as("%s publishes its management port %s", service, management)
				.containsExactly("127.0.0.1:" + management + ":" + management);
		}
	}

	@Test
	void everyNamedVolumeIsDeclaredAndEveryBindMountSourceExists() {
		Set<String> declared = Yamls.mapAt(compose(), "volumes").keySet();
		this.services.forEach((name, service) -> {
			for (Object volume : Yamls.listAt(service, "volumes")) {
				String source = (volume instanceof Map) ? Yamls.stringAt(volume, "source")
						: volume.toString().split(":")[0];
				if (source.startsWith(".") || source.startsWith("/")) {
					assertThat(COMPOSE_DIR.resolve(source).normalize()).as("bind mount of %s", name).exists();
				}
				else {
					assertThat(declared).as("named volume %s of %s is declared", source, name).contains(source);
				}
			}
		});
	}

	@Test
	void everyBuildContextAndDockerfileExists() {
		List<String> built = new ArrayList<>();
		this.services.forEach((name, service) -> {
			Map<String, Object> build = Yamls.mapAt(service, "build");
			if (build.isEmpty()) {
				return;
			}
			built.add(name);
			Path context = COMPOSE_DIR.resolve(Yamls.stringAt(build, "context")).normalize();
			assertThat(context.resolve("mvnw")).as("%s builds from the repository root", name).exists();
			assertThat(context.resolve(Yamls.stringAt(build, "dockerfile"))).exists();
			String module = Yamls.stringAt(build, "args", "MODULE");
			assertThat(context.resolve(module).resolve("pom.xml")).as("module %s of %s", module, name).exists();
			String pom = Repository.read(context.resolve(module).resolve("pom.xml"));
			assertThat(pom).contains("<artifactId>" + Yamls.stringAt(build, "args", "ARTIFACT") + "</artifactId>");
		});
		assertThat(built).contains("campaign-service", "dispatch-service", "status-service", "carrier-simulator");
	}

	@Test
	void everyVariableGivenToAServiceIsOneItReads() {
		for (String service : ServiceVariables.SERVICES) {
			Set<String> variables = Yamls.mapAt(this.services.get(service), "environment").keySet();
			assertThat(variables).as(service)
				.contains("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "DATABASE_URL", "DATABASE_USERNAME",
						"DATABASE_PASSWORD");
			assertThat(variables).as("variables %s does not read", service)
				.allMatch((variable) -> ServiceVariables.reads(service, variable));
		}
	}

	@Test
	void prometheusScrapesEveryServiceAtItsManagementPort() {
		Map<String, Object> config = Repository.yamlDocument(COMPOSE_DIR.resolve("prometheus.yml"));
		Set<String> targets = new LinkedHashSet<>();
		for (Object job : Yamls.listAt(config, "scrape_configs")) {
			for (Object staticConfig : Yamls.listAt(job, "static_configs")) {
				Yamls.listAt(staticConfig, "targets").forEach((target) -> targets.add(target.toString()));
			}
		}
		for (String service : ServiceVariables.SERVICES) {
			String port = Yamls.stringAt(this.services.get(service), "environment", "MANAGEMENT_SERVER_PORT");
			assertThat(targets).contains(service + ":" + port);
			String servicePort = Yamls.stringAt(this.services.get(service), "environment", "SERVER_PORT");
			assertThat(targets).as("the service port serves no metrics").doesNotContain(service + ":" + servicePort);
		}
	}

	@Test
	void secretsComeFromTheEnvironmentAndAreNeverBakedIn() {
		this.services.forEach((name, service) -> Yamls.mapAt(service, "environment").forEach((variable, value) -> {
			if (variable.matches(".*(PASSWORD|TOKEN|SECRET).*")) {
				assertThat(String.valueOf(value)).as("%s of %s", variable, name).matches("\\$\\{[A-Z0-9_]+:\\?.+}");
			}
		}));
		assertThat(Repository.read(COMPOSE_DIR.resolve("Dockerfile.dockerignore"))).contains("**/.env");
	}

	private List<String> healthTest(String service) {
		return Yamls.listAt(this.services.get(service), "healthcheck", "test").stream().map(Object::toString).toList();
	}

	private static Set<String> dependencies(Object service) {
		Object dependsOn = Yamls.at(service, "depends_on");
		Set<String> names = new LinkedHashSet<>();
		if (dependsOn instanceof Map<?, ?> map) {
			map.keySet().forEach((key) -> names.add(key.toString()));
		}
		else {
			Yamls.list(dependsOn).forEach((item) -> names.add(item.toString()));
		}
		return names;
	}

}
