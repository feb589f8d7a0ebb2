package dev.smspipeline.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.smspipeline.simulator.callback.CallbackDispatcher;
import dev.smspipeline.simulator.messages.Sids;
import dev.smspipeline.simulator.scenario.ScenarioTable;

/**
 * How to run a {@link CarrierSimulator}. Immutable: every {@code withX} method answers a
 * copy.
 *
 * @param bindAddress the address to listen on
 * @param port the port to listen on; 0 takes an ephemeral one
 * @param accountSid the account SID clients authenticate as ({@code AC} + 32 hex digits)
 * @param authToken the auth token: the basic-auth password and the key of every signature
 * @param inboundWebhookUrl where {@code POST /sim/inbound} posts incoming messages
 * @param scenarioFile a JSON or properties scenario file, or {@code null}
 * @param scenarios a scenario table; when set it wins over {@code scenarioFile}
 * @param httpThreads threads answering HTTP requests
 * @param callbackThreads threads of the simulator's periodic housekeeping (callbacks are
 * posted by {@code callbackMaxInFlight} threads of their own)
 * @param callbackMaxInFlight most callbacks posted at once: the threads posting them,
 * each posting one at a time over keep-alive connections
 * @param numberRateWindow least time between two accepted creates to one number
 * @param messageLogLimit most create requests kept for {@code GET /sim/messages}
 * @param idempotencyCacheSize most idempotency keys remembered
 * @param faultTimeoutDelay how long a {@code TIMEOUT} fault holds each answer when
 * switching it on names no delay (longer than the client's request timeout)
 * @param callbackRetryFor how long after its first attempt a status callback the receiver
 * failed is still retried (zero: not retried)
 */
public record SimulatorSettings(String bindAddress, int port, String accountSid, String authToken,
		URI inboundWebhookUrl, Path scenarioFile, ScenarioTable scenarios, int httpThreads, int callbackThreads,
		int callbackMaxInFlight, Duration numberRateWindow, int messageLogLimit, int idempotencyCacheSize,
		Duration faultTimeoutDelay, Duration callbackRetryFor) {

	/** Default {@code SIM_PORT}. */
	public static final int DEFAULT_PORT = 8090;

	/**
	 * Default {@code SIM_FAULT_TIMEOUT_DELAY_MS}: longer than dispatch-service's
	 * {@code sms.carrier.request-timeout} (10 s).
	 */
	public static final Duration DEFAULT_FAULT_TIMEOUT_DELAY = Duration.ofSeconds(15);

	/**
	 * Default {@code SIM_CALLBACK_RETRY_FOR_MS}: outlasts a restart of status-service.
	 */
	public static final Duration DEFAULT_CALLBACK_RETRY_FOR = CallbackDispatcher.DEFAULT_RETRY_FOR;

	/** Default {@code SIM_INBOUND_WEBHOOK_URL}. */
	public static final String DEFAULT_INBOUND_WEBHOOK_URL = "http://localhost:8083/webhooks/carrier/inbound";

	private static final System.Logger logger = System.getLogger(SimulatorSettings.class.getName());

	public SimulatorSettings {
		Objects.requireNonNull(bindAddress, "bindAddress");
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port out of range: " + port);
		}
		Objects.requireNonNull(accountSid, "accountSid");
		if (!Sids.ACCOUNT_SID.matcher(accountSid).matches()) {
			throw new IllegalArgumentException("The account SID must be AC followed by 32 hex digits: " + accountSid);
		}
		if (authToken == null || authToken.isBlank()) {
			throw new IllegalArgumentException("The auth token must not be blank");
		}
		Objects.requireNonNull(inboundWebhookUrl, "inboundWebhookUrl");
		positive("httpThreads", httpThreads);
		positive("callbackThreads", callbackThreads);
		positive("callbackMaxInFlight", callbackMaxInFlight);
		positive("messageLogLimit", messageLogLimit);
		positive("idempotencyCacheSize", idempotencyCacheSize);
		Objects.requireNonNull(numberRateWindow, "numberRateWindow");
		if (numberRateWindow.isNegative()) {
			throw new IllegalArgumentException("numberRateWindow must not be negative");
		}
		Objects.requireNonNull(faultTimeoutDelay, "faultTimeoutDelay");
		if (faultTimeoutDelay.isNegative() || faultTimeoutDelay.isZero()) {
			throw new IllegalArgumentException("faultTimeoutDelay must be positive");
		}
		Objects.requireNonNull(callbackRetryFor, "callbackRetryFor");
		if (callbackRetryFor.isNegative()) {
			throw new IllegalArgumentException("callbackRetryFor must not be negative");
		}
	}

	/**
	 * Defaults with freshly generated credentials, listening on port 8090.
	 * @return the settings
	 */
	public static SimulatorSettings defaults() {
		return new SimulatorSettings("0.0.0.0", DEFAULT_PORT, Sids.newAccountSid(), Sids.newAuthToken(),
				URI.create(DEFAULT_INBOUND_WEBHOOK_URL), null, null, defaultHttpThreads(), 2, 256,
				Duration.ofSeconds(1), 1_000_000, 250_000, DEFAULT_FAULT_TIMEOUT_DELAY, DEFAULT_CALLBACK_RETRY_FOR);
	}

	/**
	 * Defaults for a test: loopback, an ephemeral port, generated credentials.
	 * @return the settings
	 */
	public static SimulatorSettings forTests() {
		return defaults().withBindAddress("127.0.0.1").withPort(0);
	}

	/**
	 * Settings from the process environment (see the README for the variables).
	 * @return the settings
	 */
	public static SimulatorSettings fromEnvironment() {
		return fromEnvironment(System.getenv());
	}

	/**
	 * Settings from environment variables. A missing {@code CARRIER_ACCOUNT_SID} or
	 * {@code CARRIER_AUTH_TOKEN} is generated, with a warning.
	 * @param env the variables
	 * @return the settings
	 * @throws IllegalArgumentException when a variable is malformed
	 */
	public static SimulatorSettings fromEnvironment(Map<String, String> env) {
		SimulatorSettings settings = defaults();
		String sid = value(env, "CARRIER_ACCOUNT_SID");
		String token = value(env, "CARRIER_AUTH_TOKEN");
		if (sid == null || token == null) {
			logger.log(System.Logger.Level.WARNING,
					"CARRIER_ACCOUNT_SID or CARRIER_AUTH_TOKEN is not set; generated CARRIER_ACCOUNT_SID="
							+ ((sid != null) ? sid : settings.accountSid) + " CARRIER_AUTH_TOKEN="
							+ ((token != null) ? token : settings.authToken));
		}
		settings = settings.withCredentials((sid != null) ? sid : settings.accountSid,
				(token != null) ? token : settings.authToken);
		String bind = value(env, "SIM_BIND_ADDRESS");
		if (bind != null) {
			settings = settings.withBindAddress(bind);
		}
		settings = settings.withPort(intValue(env, "SIM_PORT", settings.port));
		String inbound = value(env, "SIM_INBOUND_WEBHOOK_URL");
		if (inbound != null) {
			settings = settings.withInboundWebhookUrl(URI.create(inbound));
		}
		String scenarioFile = value(env, "SIM_SCENARIO_FILE");
		if (scenarioFile != null) {
			settings = settings.withScenarioFile(Path.of(scenarioFile));
		}
		settings = settings.withHttpThreads(intValue(env, "SIM_HTTP_THREADS", settings.httpThreads))
			.withCallbackThreads(intValue(env, "SIM_CALLBACK_THREADS", settings.callbackThreads))
			.withCallbackMaxInFlight(intValue(env, "SIM_CALLBACK_MAX_IN_FLIGHT", settings.callbackMaxInFlight))
			.withNumberRateWindow(Duration
				.ofMillis(intValue(env, "SIM_NUMBER_RATE_WINDOW_MS", (int) settings.numberRateWindow.toMillis())))
			.withMessageLogLimit(intValue(env, "SIM_MESSAGE_LOG_LIMIT", settings.messageLogLimit))
			.withIdempotencyCacheSize(intValue(env, "SIM_IDEMPOTENCY_CACHE_SIZE", settings.idempotencyCacheSize))
			.withFaultTimeoutDelay(Duration
				.ofMillis(intValue(env, "SIM_FAULT_TIMEOUT_DELAY_MS", (int) settings.faultTimeoutDelay.toMillis())))
			.withCallbackRetryFor(Duration
				.ofMillis(intValue(env, "SIM_CALLBACK_RETRY_FOR_MS", (int) settings.callbackRetryFor.toMillis())));
		return settings;
	}

	public SimulatorSettings withBindAddress(String bindAddress) {
		return new SimulatorSettings(bindAddress, this.port, this.accountSid, this.authToken, this.inboundWebhookUrl,
				this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads, this.callbackMaxInFlight,
				this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize, this.faultTimeoutDelay,
				this.callbackRetryFor);
	}

	public SimulatorSettings withPort(int port) {
		return new SimulatorSettings(this.bindAddress, port, this.accountSid, this.authToken, this.inboundWebhookUrl,
				this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads, this.callbackMaxInFlight,
				this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize, this.faultTimeoutDelay,
				this.callbackRetryFor);
	}

	public SimulatorSettings withCredentials(String accountSid, String authToken) {
		return new SimulatorSettings(this.bindAddress, this.port, accountSid, authToken, this.inboundWebhookUrl,
				this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads, this.callbackMaxInFlight,
				this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize, this.faultTimeoutDelay,
				this.callbackRetryFor);
	}

	public SimulatorSettings withInboundWebhookUrl(URI inboundWebhookUrl) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken, inboundWebhookUrl,
				this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads, this.callbackMaxInFlight,
				this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize, this.faultTimeoutDelay,
				this.callbackRetryFor);
	}

	public SimulatorSettings withInboundWebhookUrl(String inboundWebhookUrl) {
		return withInboundWebhookUrl(URI.create(inboundWebhookUrl));
	}

	public SimulatorSettings withScenarioFile(Path scenarioFile) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withScenarios(ScenarioTable scenarios) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, scenarios, this.httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withHttpThreads(int httpThreads) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withCallbackThreads(int callbackThreads) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, this.httpThreads, callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withCallbackMaxInFlight(int callbackMaxInFlight) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads,
				callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withNumberRateWindow(Duration numberRateWindow) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withMessageLogLimit(int messageLogLimit) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withIdempotencyCacheSize(int idempotencyCacheSize) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, idempotencyCacheSize,
				this.faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withFaultTimeoutDelay(Duration faultTimeoutDelay) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				faultTimeoutDelay, this.callbackRetryFor);
	}

	public SimulatorSettings withCallbackRetryFor(Duration callbackRetryFor) {
		return new SimulatorSettings(this.bindAddress, this.port, this.accountSid, this.authToken,
				this.inboundWebhookUrl, this.scenarioFile, this.scenarios, this.httpThreads, this.callbackThreads,
				this.callbackMaxInFlight, this.numberRateWindow, this.messageLogLimit, this.idempotencyCacheSize,
				this.faultTimeoutDelay, callbackRetryFor);
	}

	/**
	 * The scenario table in force: {@link #scenarios()} when set, else the scenario file,
	 * else the default table.
	 * @return the table
	 */
	public ScenarioTable resolveScenarios() {
		if (this.scenarios != null) {
			return this.scenarios;
		}
		return (this.scenarioFile != null) ? ScenarioTable.load(this.scenarioFile) : ScenarioTable.defaults();
	}

	@Override
	public String toString() {
		return "SimulatorSettings[bindAddress=" + this.bindAddress + ", port=" + this.port + ", accountSid="
				+ this.accountSid + ", authToken=(hidden), inboundWebhookUrl=" + this.inboundWebhookUrl
				+ ", scenarioFile=" + this.scenarioFile + ", scenarios=" + this.scenarios + ", httpThreads="
				+ this.httpThreads + ", callbackThreads=" + this.callbackThreads + ", callbackMaxInFlight="
				+ this.callbackMaxInFlight + ", numberRateWindow=" + this.numberRateWindow + ", messageLogLimit="
				+ this.messageLogLimit + ", idempotencyCacheSize=" + this.idempotencyCacheSize + ", faultTimeoutDelay="
				+ this.faultTimeoutDelay + ", callbackRetryFor=" + this.callbackRetryFor + "]";
	}

	private static int defaultHttpThreads() {
		return Math.min(64, Math.max(4, 4 * Runtime.getRuntime().availableProcessors()));
	}

	private static void positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1: " + value);
		}
	}

	private static String value(Map<String, String> env, String name) {
		String value = env.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static int intValue(Map<String, String> env, String name, int defaultValue) {
		String value = value(env, name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number: " + value, ex);
		}
	}

}
