package dev.smspipeline.stackclient;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StackHttpTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final StackHttp http = new StackHttp(null);

	private CannedServer part;

	@BeforeEach
	void startPart() throws IOException {
		this.part = new CannedServer().answer("/health", "{\"status\": \"UP\"}");
	}

	@AfterEach
	void stopPart() {
		this.part.close();
	}

	@Test
	void answersTheStatusCodeOfAGetWhateverItIs() {
		assertThat(this.http.statusOf(this.part.url() + "/health", TIMEOUT)).isEqualTo(200);
		assertThat(this.http.statusOf(this.part.url() + "/missing", TIMEOUT)).isEqualTo(404);
	}

	@Test
	void failsWhenNothingAnswers() {
		String url = this.part.url() + "/health";
		this.part.close();

		assertThatExceptionOfType(StackHttp.HttpFailure.class).isThrownBy(() -> this.http.statusOf(url, TIMEOUT));
	}

	@Test
	void failsWithTheStatusWhenTheAnswerIsNotTheOneExpected() {
		assertThatExceptionOfType(StackHttp.HttpFailure.class)
			.isThrownBy(() -> this.http.postJson(this.part.url() + "/health", Map.of(), TIMEOUT, 201))
			.withMessageContaining("answered 200");
	}

	@Test
	void readsAJsonAnswer() {
		assertThat(this.http.getJson(this.part.url() + "/health", TIMEOUT).path("status").asText()).isEqualTo("UP");
	}

}
