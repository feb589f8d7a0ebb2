package dev.smspipeline.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smspipeline.stackclient.StackHttp;

/**
 * One account's view of campaign-service and status-service for the issue 16 scenarios: a
 * campaign created as a DRAFT with quiet hours off, its audience uploaded as CSV (an
 * inline audience is capped at {@code sms.campaigns.audience.max-inline-recipients}),
 * activated, canceled and read back; one-off texts requested over REST.
 */
final class CampaignApi {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

	private final StackHttp http;

	private final String campaignUrl;

	private final String statusUrl;

	CampaignApi(String campaignUrl, String statusUrl, String apiKey) {
		this.http = new StackHttp(apiKey);
		this.campaignUrl = campaignUrl;
		this.statusUrl = statusUrl;
	}

	/**
	 * Creates a DRAFT campaign, sent as soon as activated, quiet hours off, and uploads
	 * its audience.
	 * @param name its name
	 * @param recipients its numbers
	 * @return its id
	 */
	String create(String name, List<String> recipients) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("body", "Issue 16 benchmark: 20% off today");
		body.put("quietHours", Map.of("enabled", false));
		String id = this.http.postJson(this.campaignUrl + "/api/v1/campaigns", body, TIMEOUT, 201).path("id").asText();
		StringBuilder csv = new StringBuilder(recipients.size() * 14 + 8).append("phone\n");
		recipients.forEach((phone) -> csv.append(phone).append('\n'));
		JsonNode upload = this.http.postBytes(this.campaignUrl + "/api/v1/campaigns/" + id + "/audience", "text/csv",
				csv.toString().getBytes(StandardCharsets.US_ASCII), UPLOAD_TIMEOUT, 200);
		long size = upload.path("audienceSize").asLong();
		if (size != recipients.size()) {
			throw new IllegalStateException(
					"campaign " + id + " took " + size + " of " + recipients.size() + " recipients: " + upload);
		}
		return id;
	}

	/**
	 * Creates a DRAFT campaign without an audience.
	 * @param name its name
	 * @return its id
	 */
	String createDraft(String name) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("body", "Issue 17 benchmark: never sent");
		return this.http.postJson(this.campaignUrl + "/api/v1/campaigns", body, TIMEOUT, 201).path("id").asText();
	}

	/** DRAFT → SCHEDULED, starting at once. */
	void activate(String id) {
		this.http.postJson(this.campaignUrl + "/api/v1/campaigns/" + id + "/activate", Map.of(), TIMEOUT, 200);
	}

	/** SENDING → CANCELED. */
	void cancel(String id) {
		this.http.postJson(this.campaignUrl + "/api/v1/campaigns/" + id + "/cancel", Map.of(), TIMEOUT, 200);
	}

	/**
	 * The campaign as campaign-service shows it.
	 * @param id the campaign
	 * @return status, progress and timestamps
	 */
	View view(String id) {
		JsonNode view = this.http.getJson(this.campaignUrl + "/api/v1/campaigns/" + id, TIMEOUT);
		JsonNode progress = view.path("progress");
		return new View(view.path("status").asText(), progress.path("total").asLong(-1),
				progress.path("released").asLong(-1), progress.path("submitted").asLong(-1),
				progress.path("remaining").asLong(-1), instant(view, "activatedAt"), instant(view, "sendingAt"),
				instant(view, "sentAt"), instant(view, "canceledAt"));
	}

	/**
	 * status-service's counts of the campaign's texts by bucket ({@code inQueue},
	 * {@code delivered}, {@code canceled}, …, {@code total}).
	 * @param id the campaign
	 * @return the counts, empty when status-service does not know it yet
	 */
	Map<String, Long> stats(String id) {
		Map<String, Long> counts = new LinkedHashMap<>();
		try {
			this.http.getJson(this.statusUrl + "/api/v1/campaigns/" + id + "/stats", TIMEOUT)
				.path("counts")
				.properties()
				.forEach((entry) -> counts.put(entry.getKey(), entry.getValue().asLong()));
		}
		catch (StackHttp.HttpFailure ex) {
			if (!ex.getMessage().contains(" answered 404")) {
				throw ex;
			}
		}
		return counts;
	}

	/**
	 * Requests a one-off transactional text ({@code POST /api/v1/messages}).
	 * @param recipient the number
	 */
	void sendOneOff(String recipient) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("recipient", recipient);
		body.put("body", "Your sign-in code is 482913");
		body.put("priority", "transactional");
		this.http.postJson(this.campaignUrl + "/api/v1/messages", body, TIMEOUT, 202);
	}

	private static Instant instant(JsonNode view, String field) {
		JsonNode value = view.path(field);
		return (value.isTextual()) ? Instant.parse(value.asText()) : null;
	}

	/**
	 * A campaign as campaign-service shows it.
	 *
	 * @param status its lifecycle status
	 * @param total texts in all ({@code progress.total}, -1 when not shown)
	 * @param released texts released to dispatch
	 * @param submitted texts dispatch handed to the carrier
	 * @param remaining texts neither submitted nor ended
	 * @param activatedAt last activated
	 * @param sendingAt every text scheduled
	 * @param sentAt every text submitted (or ended)
	 * @param canceledAt canceled
	 */
	record View(String status, long total, long released, long submitted, long remaining, Instant activatedAt,
			Instant sendingAt, Instant sentAt, Instant canceledAt) {

		/** Whether it will send no more: SENT, DONE, CANCELED or FAILED. */
		boolean settled() {
			return switch (this.status) {
				case "SENT", "DONE", "CANCELED", "FAILED" -> true;
				default -> false;
			};
		}

		String describe() {
			return String.format(java.util.Locale.ROOT, "%s, released %,d, submitted %,d, remaining %,d of %,d",
					this.status, this.released, this.submitted, this.remaining, this.total);
		}

	}

}
