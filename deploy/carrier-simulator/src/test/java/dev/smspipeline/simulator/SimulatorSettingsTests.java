package dev.smspipeline.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatorSettingsTests {

	private static final String SID = "AC0123456789abcdef0123456789abcdef";

	@Test
	void readsEveryVariable() {
		SimulatorSettings settings = SimulatorSettings.fromEnvironment(Map.ofEntries(Map.entry("SIM_PORT", "9999"),
				Map.entry("CARRIER_ACCOUNT_SID", SID), Map.entry("CARRIER_AUTH_TOKEN", "secret"),
				Map.entry("SIM_INBOUND_WEBHOOK_URL", "http://status:8083/in"),
				Map.entry("SIM_SCENARIO_FILE", "/etc/scenarios.json"), Map.entry("SIM_CALLBACK_THREADS", "3"),
				Map.entry("SIM_HTTP_THREADS", "5"), Map.entry("SIM_BIND_ADDRESS", "127.0.0.1"),
				Map.entry("SIM_CALLBACK_MAX_IN_FLIGHT", "7"), Map.entry("SIM_NUMBER_RATE_WINDOW_MS", "1500"),
				Map.entry("SIM_MESSAGE_LOG_LIMIT", "11"), Map.entry("SIM_IDEMPOTENCY_CACHE_SIZE", "13"),
				Map.entry("SIM_FAULT_TIMEOUT_DELAY_MS", "12500"), Map.entry("SIM_CALLBACK_RETRY_FOR_MS", "30000")));

		assertThat(settings.port()).isEqualTo(9999);
		assertThat(settings.accountSid()).isEqualTo(SID);
		assertThat(settings.authToken()).isEqualTo("secret");
		assertThat(settings.inboundWebhookUrl()).isEqualTo(URI.create("http://status:8083/in"));
		assertThat(settings.scenarioFile()).isEqualTo(Path.of("/etc/scenarios.json"));
		assertThat(settings.callbackThreads()).isEqualTo(3);
		assertThat(settings.httpThreads()).isEqualTo(5);
		assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
		assertThat(settings.callbackMaxInFlight()).isEqualTo(7);
		assertThat(settings.numberRateWindow()).isEqualTo(Duration.ofMillis(1500));
		assertThat(settings.messageLogLimit()).isEqualTo(11);
		assertThat(settings.idempotencyCacheSize()).isEqualTo(13);
		assertThat(settings.faultTimeoutDelay()).isEqualTo(Duration.ofMillis(12500));
		assertThat(settings.callbackRetryFor()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void defaultsToPort8090AndTheLocalStatusService() {
		SimulatorSettings settings = SimulatorSettings.fromEnvironment(Map.of());

		assertThat(settings.port()).isEqualTo(8090);
		assertThat(settings.inboundWebhookUrl())
			.isEqualTo(URI.create("http://localhost:8083/webhooks/carrier/inbound"));
		assertThat(settings.numberRateWindow()).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.scenarioFile()).isNull();
		assertThat(settings.faultTimeoutDelay()).isEqualTo(Duration.ofSeconds(15));
		assertThat(settings.callbackRetryFor()).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void generatesTwilioShapedCredentialsWhenNoneAreSet() {
		SimulatorSettings settings = SimulatorSettings.fromEnvironment(Map.of());

		assertThat(settings.accountSid()).matches("AC[0-9a-f]{32}");
		assertThat(settings.authToken()).matches("[0-9a-f]{32}");
	}

	@Test
	void rejectsAMalformedAccountSid() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings
				.fromEnvironment(Map.of("CARRIER_ACCOUNT_SID", "AC123", "CARRIER_AUTH_TOKEN", "secret")))
			.withMessageContaining("AC123");
	}

	@Test
	void rejectsANonNumericPort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings.fromEnvironment(Map.of("SIM_PORT", "http")))
			.withMessageContaining("SIM_PORT");
	}

	@Test
	void rejectsAFaultTimeoutDelayOfZero() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings.fromEnvironment(Map.of("SIM_FAULT_TIMEOUT_DELAY_MS", "0")))
			.withMessageContaining("faultTimeoutDelay");
	}

	@Test
	void rejectsANegativeCallbackRetryTime() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings.fromEnvironment(Map.of("SIM_CALLBACK_RETRY_FOR_MS", "-1")))
			.withMessageContaining("callbackRetryFor");
	}

	@Test
	void takesACallbackRetryTimeOfZeroAsNoRetries() {
		assertThat(SimulatorSettings.fromEnvironment(Map.of("SIM_CALLBACK_RETRY_FOR_MS", "0")).callbackRetryFor())
			.isZero();
	}

	@Test
	void hidesTheAuthTokenFromToString() {
		assertThat(SimulatorSettings.defaults().withCredentials(SID, "secret-token").toString())
			.doesNotContain("secret-token");
	}

}
