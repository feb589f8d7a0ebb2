package dev.smspipeline.stackclient;

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
 * /api/v1/messages?status=<bucket>}, every page). Failures are
 * {@link StackHttp.HttpFailure}s.
 */
public final class StatusReader {

	/** Every bucket of the status store: together they hold every text. */
	public static final List<String> BUCKETS = List.of("inQueue", "outbox", "delivered", "error", "deliveryUnknown",
			"canceled", "deleted");

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final StackHttp http;

	private final String baseUrl;

	/**
	 * A reader of one status-service.
	 * @param baseUrl its base URL, e.g. {@code http://localhost:8083}
	 * @param apiKey the account's API key
	 */
	public StatusReader(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.http = new StackHttp(apiKey);
	}

	/**
	 * A campaign's counters.
	 * @param campaignId the campaign
	 * @return its counters; throws {@link StackHttp.HttpFailure} when status-service does
	 * not answer
	 */
	public CampaignCounts counts(String campaignId) {
		JsonNode stats = this.http.getJson(this.baseUrl + "/api/v1/campaigns/" + campaignId + "/stats", TIMEOUT);
		Map<String, Long> byBucket = new HashMap<>();
		stats.path("counts")
			.fields()
			.forEachRemaining((field) -> byBucket.put(field.getKey(), field.getValue().asLong()));
		return new CampaignCounts(byBucket, stats.path("completion").path("state").asText(null));
	}

	/**
	 * Every text of a campaign that status-service knows, by message id.
	 * @param campaignId the campaign
	 * @param createdFrom no text of the campaign was created before this
	 * @return the texts' states
	 */
	public Map<String, MessageState> messages(String campaignId, Instant createdFrom) {
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
				cursor = nullable(page, "next");
			}
			while (cursor != null && !cursor.isBlank());
		}
		return states;
	}

	private static String nullable(JsonNode node, String field) {
		JsonNode value = node.path(field);
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
	public record CampaignCounts(Map<String, Long> byBucket, String completion) {

		/**
		 * Texts in one bucket.
		 * @param bucket one of {@link #BUCKETS}, or {@code total}
		 * @return the count, 0 when the answer did not name the bucket
		 */
		public long get(String bucket) {
			return this.byBucket.getOrDefault(bucket, 0L);
		}

		/**
		 * Texts in a final bucket.
		 * @return the count
		 */
		public long finals() {
			return get("delivered") + get("error") + get("deliveryUnknown") + get("canceled") + get("deleted");
		}

	}

}
