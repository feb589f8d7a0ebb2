package dev.smspipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacedUploadTests {

	@Test
	void readsTheStatusAndRetryAfterOfARefusal() {
		PacedUpload.Answer answer = PacedUpload.Answer.parse("""
				HTTP/1.1 429 \r
				Retry-After: 5\r
				Content-Type: application/problem+json\r
				\r
				{"status":429}""", 0, true);

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.retryAfterSeconds()).isEqualTo(5);
		assertThat(answer.rows()).isEqualTo(-1);
	}

	@Test
	void readsTheRowsOfAReport() {
		PacedUpload.Answer answer = PacedUpload.Answer.parse("""
				HTTP/1.1 200 \r
				Content-Type: application/json\r
				\r
				{"rows":6,"added":6}""", 6, false);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.retryAfterSeconds()).isZero();
		assertThat(answer.rows()).isEqualTo(6);
	}

}
