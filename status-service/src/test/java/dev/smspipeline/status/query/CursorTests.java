package dev.smspipeline.status.query;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTests {

	@Test
	void readsBackWhatItWroteToTheMicrosecond() {
		Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");

		Cursor cursor = Cursor.decode("m", Cursor.encode("m", at, "id|with|bars"));

		assertThat(cursor).isEqualTo(new Cursor(at, "id|with|bars"));
	}

	@Test
	void isAbsentWhenNoneWasPassed() {
		assertThat(Cursor.decode("m", null)).isNull();
		assertThat(Cursor.decode("m", " ")).isNull();
	}

	@Test
	void refusesACursorOfAnotherListOrNoCursorAtAll() {
		String ofRecipients = Cursor.encode("r", Instant.now(), "+14155550100");

		for (String bad : new String[] { ofRecipients, "%%%", "bm90IGEgY3Vyc29y", "x".repeat(600) }) {
			assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> Cursor.decode("m", bad))
				.satisfies((ex) -> assertThat(ex.getBody().getProperties()).containsKey("errors"));
		}
	}

}
