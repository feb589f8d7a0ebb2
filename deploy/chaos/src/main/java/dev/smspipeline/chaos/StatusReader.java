package dev.smspipeline.chaos;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * status-service's queries: a campaign's counters ({@code GET
 * /api/v1/campaigns/{id}/stats}) and its texts by status bucket ({@code GET
 * /api/v1/messages?status=<bucket>}, every page).
 */
final class StatusReader {

	/** Every bucket of the status store: together they hold every text. */
	static final List<String> BUCKETS = List.of("inQueue", "outbox", "delivered", "error", "deliveryUnknown",
			"canceled", "deleted");

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final Http http;

	private final String baseUrl;

	StatusReader(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.http = new Http(apiKey);
	}

	/**
	 * A campaign's counters.
	 * @param campaignId the campaign
	 * @return its counters; throws {@link Http.HttpFailure} when status-service does not
	 * answer
	 */
	CampaignCounts counts(String campaignId) {
		JsonNode stats = this.http.getJson(this.baseUrl + "/api/v1/campaigns/" + campaignId + "/stats", TIMEOUT);
		JsonNode counts = stats.path("counts");
		Map<String, Long> byBucket = new HashMap<>();
		counts.fields().forEachRemaining((field) -> byBucket.put(field.getKey(), field.getValue().asLong()));
		return new CampaignCounts(byBucket, stats.path("completion").path("state").asText(null));
	}

	/**
	 * Every text of a campaign that status-service knows, by message id.
	 * @param campaignId the campaign
	 * @param createdFrom no text of the campaign was created before this
	 * @return the texts' states
	 */
	Map<String, MessageState> messages(String campaignId, Instant createdFrom) {
		Map<String, MessageState> states = new HashMap<>();
		for (String bucket : BUCKETS) {
			String cursor = null;
			do {
				String url = this.baseUrl + "/api/v1/messages?status=" + bucket + "&limit=500&createdFrom="
						+ encode(createdFrom.toString()) + ((cursor != null) ? "&cursor=" + encode(cursor) : "");
				JsonNode page = this.http.getJson(url, TIMEOUT);
				for (JsonNode item : page.path("items")) {
					if (campaignId.equals(item.path("campaignId").asText(null))) {
						states.put(item.path("messageId").asText(), new MessageState(item.path("status").asText(),
								nullable(item, "reasonCode"), nullable(item, "carrierErrorCode")));
					}
				}
				JsonNode next = page.path("next");
				cursor = (next.isMissingNode() || next.isNull() || next.asText().isBlank()) ? null : next.asText();
			}
			while (cursor != null);
		}
		return states;
	}

	private static String nullable(JsonNode item, String field) {
		JsonNode value = item.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asText();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A campaign's counters.
	 *
	 * @param byBucket texts per bucket, and {@code total}
	 * @param completion {@code OPEN}, {@code RELEASED} or {@code COMPLETED}
	 */
	record CampaignCounts(Map<String, Long> byBucket, String completion) {

		long get(String bucket) {
			return this.byBucket.getOrDefault(bucket, 0L);
		}

		/** Texts in a final bucket. */
		long finals() {
			return get("delivered") + get("error") + get("deliveryUnknown") + get("canceled") + get("deleted");
		}

	}

}
