package dev.smspipeline.campaign.support;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign API as a test uses it: create, activate, wait for a status.
 */
public final class CampaignClient {

	private final Http http;

	private CampaignClient(Http http) {
		this.http = http;
	}

	public static CampaignClient as(TestAccount account, int port) {
		return new CampaignClient(Http.as(account, port));
	}

	public Http http() {
		return this.http;
	}

	/** Creates a campaign and returns its id. */
	public String create(String json) {
		ApiResponse response = this.http.postJson("/api/v1/campaigns", json);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json("$.id");
	}

	public ApiResponse get(String id) {
		return this.http.get("/api/v1/campaigns/" + id);
	}

	public ApiResponse activate(String id) {
		ApiResponse response = this.http.postJson("/api/v1/campaigns/" + id + "/activate", "");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	public ApiResponse cancel(String id) {
		return this.http.postJson("/api/v1/campaigns/" + id + "/cancel", "");
	}

	/** Waits until the campaign is {@code status} and returns it. */
	public ApiResponse awaitStatus(String id, String status) {
		return Awaitility.await("campaign " + id + " " + status)
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get(id), (response) -> status.equals(response.json("$.status")));
	}

	/** {@code "recipients": [...]} of these numbers, each with a first name. */
	public static String recipients(List<String> phones) {
		return phones.stream()
			.map((phone) -> "{\"phone\": \"" + phone + "\", \"attributes\": {\"firstName\": \"F" + phone.substring(8)
					+ "\"}}")
			.collect(Collectors.joining(", ", "[", "]"));
	}

}
