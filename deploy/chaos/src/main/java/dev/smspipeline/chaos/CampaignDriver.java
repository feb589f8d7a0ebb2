package dev.smspipeline.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smspipeline.stackclient.StackHttp;

/**
 * Creates and activates a chaos campaign through campaign-service's REST API: the planned
 * recipients inline, quiet hours off (a run must not wait for the morning), sent as soon
 * as activated.
 */
final class CampaignDriver {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private final StackHttp http;

	private final String baseUrl;

	CampaignDriver(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.http = new StackHttp(apiKey);
	}

	/**
	 * Creates the campaign as a DRAFT.
	 * @param name its name
	 * @param plan its recipients
	 * @return its id
	 */
	String create(String name, AudiencePlan plan) {
		List<Map<String, Object>> recipients = new ArrayList<>(plan.size());
		for (PlannedText text : plan.texts()) {
			recipients.add(Map.of("phone", text.recipient()));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("body", "Chaos check: your order has shipped");
		body.put("recipients", recipients);
		body.put("quietHours", Map.of("enabled", false));
		JsonNode created = this.http.postJson(this.baseUrl + "/api/v1/campaigns", body, TIMEOUT, 201);
		return created.path("id").asText();
	}

	/**
	 * Activates it: it starts at once.
	 * @param campaignId the campaign
	 */
	void activate(String campaignId) {
		this.http.postJson(this.baseUrl + "/api/v1/campaigns/" + campaignId + "/activate", Map.of(), TIMEOUT, 200);
	}

	/**
	 * Its lifecycle status ({@code SENDING}, {@code SENT}, {@code DONE}, …).
	 * @param campaignId the campaign
	 * @return the status
	 */
	String status(String campaignId) {
		return this.http.getJson(this.baseUrl + "/api/v1/campaigns/" + campaignId, Duration.ofSeconds(15))
			.path("status")
			.asText();
	}

}
