package dev.smspipeline.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.SimulatorSettings;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline as it runs in production: campaign, dispatch and status services as
 * child processes of their runnable jars, on the shared broker, registry and database,
 * texting an in-process carrier simulator. Started once per test JVM, on first use, and
 * shared by every end-to-end test class; stopped when the test run ends.
 *
 * <p>
 * A test class takes it with {@code @ExtendWith(Pipeline.Extension.class)} and a
 * {@code Pipeline} parameter of its {@code @BeforeAll} method.
 */
final class Pipeline implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	/**
	 * An account configured at start-up whose key a test may revoke (through the admin
	 * API, with {@link TestAccount#OPERATOR}).
	 */
	static final TestAccount INITECH = new TestAccount("initech", "sk_test_initech_0123456789abcdef0123456789abcdef");

	private final CarrierSimulator carrier;

	private final ServiceProcess campaign;

	private final ServiceProcess dispatch;

	private final ServiceProcess status;

	private final Map<String, String> databases;

	private Pipeline(CarrierSimulator carrier, ServiceProcess campaign, ServiceProcess dispatch, ServiceProcess status,
			Map<String, String> databases) {
		this.carrier = carrier;
		this.campaign = campaign;
		this.dispatch = dispatch;
		this.status = status;
		this.databases = databases;
	}

	private static Pipeline start() {
		TestInfrastructure infrastructure = TestInfrastructure.shared();
		SimulatorSettings carrierSettings = SimulatorSettings.forTests();

		Map<String, String> common = new HashMap<>();
		common.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
		common.put("SCHEMA_REGISTRY_URL", infrastructure.schemaRegistryUrl());
		common.put("DATABASE_USERNAME", infrastructure.databaseUsername());
		common.put("DATABASE_PASSWORD", infrastructure.databasePassword());
		common.put("CARRIER_ACCOUNT_SID", carrierSettings.accountSid());
		common.put("CARRIER_AUTH_TOKEN", carrierSettings.authToken());
		common.put("SMS_ACCOUNTS_BOOTSTRAP_ACME", ApiKeyHash.of(TestAccount.ACME.apiKey()).hex());
		common.put("SMS_ACCOUNTS_BOOTSTRAP_GLOBEX", ApiKeyHash.of(TestAccount.GLOBEX.apiKey()).hex());
		common.put("SMS_ACCOUNTS_BOOTSTRAP_INITECH", ApiKeyHash.of(INITECH.apiKey()).hex());
		common.put("SMS_ADMIN_OPERATORKEYHASHES", ApiKeyHash.of(TestAccount.OPERATOR.apiKey()).hex());

		Map<String, String> databases = Map.of("campaign-service", infrastructure.jdbcUrl("e2e_campaign"),
				"dispatch-service", infrastructure.jdbcUrl("e2e_dispatch"), "status-service",
				infrastructure.jdbcUrl("e2e_status"));

		Map<String, String> statusEnvironment = with(common, "DATABASE_URL", databases.get("status-service"));
		// A short delivery window, so a silent carrier's texts age and their campaign
		// closes in the test.
		statusEnvironment.put("SMS_STATUS_DELIVERY_WINDOW", "PT10S");
		statusEnvironment.put("SMS_STATUS_AGEING_INTERVAL", "2s");
		statusEnvironment.put("SMS_STATUS_COMPLETION_INTERVAL", "1s");
		ServiceProcess status = ServiceProcess.start("status-service", statusEnvironment);
		CarrierSimulator carrier = CarrierSimulator
			.start(carrierSettings.withInboundWebhookUrl(status.baseUrl() + "/webhooks/carrier/inbound"));
		ServiceProcess campaign = ServiceProcess.start("campaign-service",
				with(common, "DATABASE_URL", databases.get("campaign-service")));
		Map<String, String> dispatchEnvironment = with(common, "DATABASE_URL", databases.get("dispatch-service"));
		dispatchEnvironment.put("CARRIER_BASE_URL", carrier.baseUrl());
		dispatchEnvironment.put("STATUS_CALLBACK_URL", status.baseUrl() + "/webhooks/carrier/status");
		ServiceProcess dispatch = ServiceProcess.start("dispatch-service", dispatchEnvironment);
		Pipeline pipeline = new Pipeline(carrier, campaign, dispatch, status, databases);
		try {
			CompletableFuture
				.allOf(pipeline.services()
					.stream()
					.map((service) -> CompletableFuture.runAsync(() -> service.awaitHealthy(STARTUP)))
					.toArray(CompletableFuture[]::new))
				.join();
		}
		catch (RuntimeException ex) {
			pipeline.close();
			throw ex;
		}
		return pipeline;
	}

	CarrierSimulator carrier() {
		return this.carrier;
	}

	ServiceProcess campaign() {
		return this.campaign;
	}

	ServiceProcess dispatch() {
		return this.dispatch;
	}

	ServiceProcess status() {
		return this.status;
	}

	List<ServiceProcess> services() {
		return List.of(this.status, this.campaign, this.dispatch);
	}

	/** campaign-service's API, as {@code account}. */
	ApiClient campaignApi(TestAccount account) {
		return ApiClient.as(account, this.campaign.baseUrl());
	}

	/** status-service's API, as {@code account}. */
	ApiClient statusApi(TestAccount account) {
		return ApiClient.as(account, this.status.baseUrl());
	}

	/**
	 * Asserts that every service still runs as the process it was started as (it neither
	 * crashed nor restarted, and its application context started exactly once) and that
	 * its health endpoint answers UP.
	 */
	void assertEveryServiceUpWithoutRestart() {
		for (ServiceProcess service : services()) {
			assertThat(service.isAlive()).as(service.name() + " is still the process it started as").isTrue();
			assertThat(service.isHealthy()).as(service.name() + " /actuator/health UP on the management port").isTrue();
			assertThat(service.logLines()).as(service.name() + " started once")
				.filteredOn((line) -> line.contains("Started ") && line.contains("Application in "))
				.hasSize(1);
		}
	}

	/** The JDBC URL of a service's own database. */
	String jdbcUrl(ServiceProcess service) {
		return this.databases.get(service.name());
	}

	@Override
	public void close() {
		services().forEach(ServiceProcess::close);
		this.carrier.close();
	}

	private static Map<String, String> with(Map<String, String> base, String name, String value) {
		Map<String, String> copy = new HashMap<>(base);
		copy.put(name, value);
		return copy;
	}

	/**
	 * Resolves a {@link Pipeline} parameter: the one of this test run, started on first
	 * use and closed when the run ends.
	 */
	static final class Extension implements ParameterResolver {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Pipeline.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == Pipeline.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent(Pipeline.class, (key) -> Pipeline.start(), Pipeline.class);
		}

	}

}
