package dev.smspipeline.stackclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class CarrierLogTests {

	@Test
	void readsTheFieldsOfAnEntry() throws IOException {
		List<CarrierEntry> entries = CarrierLog.parse(json("""
				[{"receivedAt": 1700000000123, "to": "+13125550100", "outcome": "accepted",
				  "idempotencyKey": "m-1", "statusCallback": null, "fault": "TIMEOUT"}]
				"""), (entry) -> true);

		assertThat(entries)
			.containsExactly(new CarrierEntry(1700000000123L, "+13125550100", "accepted", "m-1", null, "TIMEOUT"));
	}

	@Test
	void takesTheMessageIdFromTheStatusCallbackWhenThereIsNoIdempotencyKey() throws IOException {
		List<CarrierEntry> entries = CarrierLog.parse(json("""
				[{"receivedAt": 1, "to": "+13125550100", "outcome": "accepted",
				  "statusCallback": "http://localhost:8083/callbacks/status?account=a&messageId=m%2D2"}]
				"""), (entry) -> true);

		assertThat(entries).singleElement().extracting(CarrierEntry::messageId).isEqualTo("m-2");
	}

	@Test
	void prefersTheIdempotencyKeyToTheStatusCallback() throws IOException {
		List<CarrierEntry> entries = CarrierLog.parse(json("""
				[{"idempotencyKey": "m-1", "statusCallback": "http://status/callback?messageId=m-2"}]
				"""), (entry) -> true);

		assertThat(entries).singleElement().extracting(CarrierEntry::messageId).isEqualTo("m-1");
	}

	@Test
	void skipsNestedValuesItDoesNotRead() throws IOException {
		List<CarrierEntry> entries = CarrierLog.parse(json("""
				[{"to": "+13125550100", "form": {"To": "+1", "Body": "hi"}, "tags": ["a", {"b": 1}],
				  "outcome": "duplicate"}]
				"""), (entry) -> true);

		assertThat(entries).singleElement().satisfies((entry) -> {
			assertThat(entry.to()).isEqualTo("+13125550100");
			assertThat(entry.duplicate()).isTrue();
		});
	}

	@Test
	void keepsOnlyTheEntriesTheFilterWantsInTheLogsOrder() throws IOException {
		List<CarrierEntry> entries = CarrierLog.parse(json("""
				[{"receivedAt": 3, "to": "+1"}, {"receivedAt": 1, "to": "+2"}, {"receivedAt": 2, "to": "+1"}]
				"""), (entry) -> "+1".equals(entry.to()));

		assertThat(entries).extracting(CarrierEntry::receivedAt).containsExactly(3L, 2L);
	}

	@Test
	void refusesAnAnswerThatIsNotAnArray() {
		assertThatIOException().isThrownBy(() -> CarrierLog.parse(json("{\"messages\": []}"), (entry) -> true));
	}

	private static InputStream json(String json) {
		return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
	}

}
