package dev.smspipeline.stackclient;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StatusReaderTests {

	private static final String FROM = "createdFrom=2026-12-07T10%3A00%3A00Z";

	private static final String EMPTY = "{\"items\": [], \"next\": null}";

	private CannedServer status;

	private StatusReader reader;

	@BeforeEach
	void startStatusService() throws IOException {
		this.status = new CannedServer();
		for (String bucket : StatusReader.BUCKETS) {
			this.status.answer(page(bucket, null), EMPTY);
		}
		this.reader = new StatusReader(this.status.url(), "key-1");
	}

	@AfterEach
	void stopStatusService() {
		this.status.close();
	}

	@Test
	void readsACampaignsCountersByBucketAndItsCompletion() {
		this.status.answer("/api/v1/campaigns/c-1/stats", """
				{"counts": {"inQueue": 3, "delivered": 5, "error": 1, "deliveryUnknown": 2, "total": 11},
				 "completion": {"state": "RELEASED"}}
				""");

		StatusReader.CampaignCounts counts = this.reader.counts("c-1");

		assertThat(counts.get("inQueue")).isEqualTo(3);
		assertThat(counts.get("total")).isEqualTo(11);
		assertThat(counts.get("canceled")).isZero();
		assertThat(counts.finals()).isEqualTo(8);
		assertThat(counts.completion()).isEqualTo("RELEASED");
	}

	@Test
	void sendsTheApiKeyAsABearerToken() {
		this.status.answer("/api/v1/campaigns/c-1/stats", "{\"counts\": {}}");

		this.reader.counts("c-1");

		assertThat(this.status.authorizations).containsExactly("Bearer key-1");
	}

	@Test
	void readsEveryPageOfEveryBucketKeepingOnlyTheCampaignsTexts() {
		this.status.answer(page("delivered", null), """
				{"items": [{"messageId": "m-1", "campaignId": "c-1", "status": "DELIVERED"},
				           {"messageId": "m-9", "campaignId": "c-9", "status": "DELIVERED"}],
				 "next": "p 2"}
				""");
		this.status.answer(page("delivered", "p+2"), """
				{"items": [{"messageId": "m-2", "campaignId": "c-1", "status": "DELIVERED"}], "next": ""}
				""");
		this.status.answer(page("error", null), """
				{"items": [{"messageId": "m-3", "campaignId": "c-1", "status": "FAILED",
				            "reasonCode": null, "carrierErrorCode": "21614"}]}
				""");

		Map<String, MessageState> states = this.reader.messages("c-1", Instant.parse("2026-12-07T10:00:00Z"));

		assertThat(states).containsOnly(Map.entry("m-1", new MessageState("DELIVERED", null, null)),
				Map.entry("m-2", new MessageState("DELIVERED", null, null)),
				Map.entry("m-3", new MessageState("FAILED", null, "21614")));
	}

	@Test
	void failsWhenStatusServiceDoesNotAnswer() {
		assertThatExceptionOfType(StackHttp.HttpFailure.class).isThrownBy(() -> this.reader.counts("unknown"));
	}

	private static String page(String bucket, String cursor) {
		return "/api/v1/messages?status=" + bucket + "&limit=500&" + FROM
				+ ((cursor != null) ? "&cursor=" + cursor : "");
	}

}
