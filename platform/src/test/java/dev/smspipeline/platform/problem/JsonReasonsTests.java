package dev.smspipeline.platform.problem;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonReasonsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void saysABodyMustBeAnObjectWithoutNamingTheJavaType() {
		String reason = JsonReasons.reason(refusal("[1, 2]"));
		assertThat(reason).isEqualTo("expected a JSON object as the body");
	}

	@Test
	void saysWhatJsonAFieldMustBe() {
		assertThat(JsonReasons.reason(refusal("{\"name\": {\"a\": 1}}"))).isEqualTo("expected a string");
		assertThat(JsonReasons.reason(refusal("{\"count\": \"many\"}"))).isEqualTo("not a number");
		assertThat(JsonReasons.reason(refusal("{\"tags\": {}}"))).isEqualTo("expected an array");
		assertThat(JsonReasons.reason(refusal("{\"at\": \"yesterday\"}"))).isEqualTo("not an ISO-8601 date-time");
		assertThat(JsonReasons.reason(refusal("{\"color\": \"PURPLE\"}"))).isEqualTo("not one of [RED, GREEN]");
	}

	@Test
	void namesNoJavaClassForAnyRefusal() {
		for (String body : List.of("[1]", "{\"name\": []}", "{\"count\": \"x\"}", "{\"tags\": 3}", "{\"at\": 3.5e400}",
				"{\"color\": 7}", "{\"name\": \"a\",}", "{\"name\"", "\"text\"")) {
			assertThat(JsonReasons.reason(refusal(body))).as(body)
				.doesNotContain("dev.smspipeline", "java.", "`", "JsonToken", "Cannot deserialize");
		}
	}

	@Test
	void replacesQualifiedTypeNamesAndTokensInAMessage() {
		assertThat(JsonReasons
			.sanitize("Cannot deserialize value of type `dev.smspipeline.campaign.message.SendMessageRequest`"
					+ " from Array value (token `JsonToken.START_ARRAY`)"))
			.isEqualTo("Cannot deserialize value of type object from Array value");
		assertThat(JsonReasons.sanitize("Cannot coerce `java.lang.Integer` to `java.util.List<java.lang.String>`"))
			.isEqualTo("Cannot coerce number to array");
		assertThat(JsonReasons.sanitize("String value length (16000001) exceeds the maximum allowed (16000000, from "
				+ "`StreamReadConstraints.getMaxStringLength()`)"))
			.isEqualTo("String value length (16000001) exceeds the maximum allowed (16000000)");
		assertThat(JsonReasons.sanitize(null)).isEqualTo("unreadable value");
	}

	private JacksonException refusal(String body) {
		return catchThrowableOfType(JacksonException.class, () -> this.json.readValue(body, Sample.class));
	}

	enum Color {

		RED, GREEN

	}

	record Sample(String name, int count, List<String> tags, Instant at, Color color) {
	}

}
