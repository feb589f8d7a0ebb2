package dev.smspipeline.campaign.campaign;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

@CampaignServiceTest
class CampaignApiIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void createsADraftWithDesignDefaults() {
		ApiResponse response = acme().http()
			.postJson("/api/v1/campaigns", """
					{"name": "Welcome", "body": "Hi {{firstName}}", "recipients": [{"phone": "%s"}]}"""
				.formatted(Numbers.newYork()));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.<String>json("$.status")).isEqualTo("DRAFT");
		assertThat(response.<String>json("$.id")).isNotBlank();
		assertThat(response.<Boolean>json("$.quietHours.enabled")).isTrue();
		assertThat(response.<String>json("$.quietHours.start")).isEqualTo("21:00");
		assertThat(response.<String>json("$.quietHours.end")).isEqualTo("08:00");
		assertThat(response.<String>json("$.validity")).isEqualTo("PT4H");
		assertThat(response.<Integer>json("$.audience.recipients")).isEqualTo(1);
		assertThat(response.<Integer>json("$.segments.perMessage")).isEqualTo(1);
		assertThat(response.<String>json("$.createdAt")).isNotNull();
	}

	@Test
	void answersBadFieldsWith400NamingEachFieldAndReason() {
		ApiResponse response = acme().http().postJson("/api/v1/campaigns", """
				{"body": "", "sendAt": "2030-01-01T10:00:00Z", "sendAtLocalTime": "25:99",
				 "quietHours": {"start": "22:00", "end": "22:00"}, "recipients": [{"timezone": "Mars/Olympus"}]}""");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		List<String> fields = response.json("$.errors[*].field");
		assertThat(fields).contains("name", "body", "sendAtLocalTime", "quietHours.end", "recipients[0].phone");
	}

	@Test
	void answersAnUnreadableDurationWith400NotA500() {
		ApiResponse response = acme().http().postJson("/api/v1/campaigns", """
				{"name": "x", "body": "y", "validity": "four hours"}""");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("validity");
	}

	@Test
	void refusesABodyAboveTheSegmentLimitNamingTheLimit() {
		ApiResponse response = acme().http().postJson("/api/v1/campaigns", """
				{"name": "Long", "body": "%s"}""".formatted("✓".repeat(67 * 10 + 1)));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.<String>json("$.errors[0].field")).isEqualTo("body");
		assertThat(response.<String>json("$.errors[0].reason")).contains("11 SMS segments", "the limit is 10");
	}

	@Test
	void editsADraftAndReplacesItsRecipients() {
		String id = acme().create("""
				{"name": "Draft", "body": "Hello", "recipients": [{"phone": "%s"}]}""".formatted(Numbers.newYork()));

		ApiResponse patched = acme().http()
			.patch("/api/v1/campaigns/" + id, """
					{"name": "Renamed", "quietHours": {"enabled": false}, "sendAtLocalTime": "10:30",
					 "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(Numbers.chicago(),
					Numbers.losAngeles()));

		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.<String>json("$.name")).isEqualTo("Renamed");
		assertThat(patched.<String>json("$.body")).isEqualTo("Hello");
		assertThat(patched.<Boolean>json("$.quietHours.enabled")).isFalse();
		assertThat(patched.<String>json("$.sendAtLocalTime")).isEqualTo("10:30");
		assertThat(patched.<Integer>json("$.audience.recipients")).isEqualTo(2);

		ApiResponse cleared = acme().http().patch("/api/v1/campaigns/" + id, "{\"sendAtLocalTime\": null}");
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(cleared.body()).doesNotContain("sendAtLocalTime");
	}

	@Test
	void refusesToEditAnActivatedCampaignWith409() {
		String id = acme().create("""
				{"name": "Live", "body": "Hello", "sendAt": "2099-01-01T10:00:00Z", "recipients": [{"phone": "%s"}]}"""
			.formatted(Numbers.newYork()));
		acme().activate(id);

		ApiResponse response = acme().http().patch("/api/v1/campaigns/" + id, "{\"name\": \"Changed\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.<String>json("$.detail")).contains("only a DRAFT can be edited");
		assertThat(acme().get(id).<String>json("$.name")).isEqualTo("Live");
	}

	@Test
	void refusesToActivateACampaignWithoutRecipients() {
		String id = acme().create("{\"name\": \"Empty\", \"body\": \"Hello\"}");

		ApiResponse response = acme().http().postJson("/api/v1/campaigns/" + id + "/activate", "");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.<String>json("$.detail")).contains("no recipients");
	}

	@Test
	void duplicatesAnyCampaignAsAnEditableDraftWithItsAudience() {
		String id = acme().create("""
				{"name": "Original", "body": "Hello", "sendAt": "2099-01-01T10:00:00Z",
				 "recipients": [{"phone": "%s"}, {"phone": "%s"}]}""".formatted(Numbers.newYork(), Numbers.chicago()));
		acme().activate(id);

		ApiResponse copy = acme().http().postJson("/api/v1/campaigns/" + id + "/duplicate", "");

		assertThat(copy.status()).isEqualTo(201);
		assertThat(copy.<String>json("$.id")).isNotEqualTo(id);
		assertThat(copy.<String>json("$.status")).isEqualTo("DRAFT");
		assertThat(copy.<String>json("$.name")).isEqualTo("Original (copy)");
		assertThat(copy.<Integer>json("$.audience.recipients")).isEqualTo(2);
		assertThat(acme().http().patch("/api/v1/campaigns/" + copy.json("$.id"), "{\"name\": \"Mine\"}").status())
			.isEqualTo(200);
	}

	@Test
	void pagesCampaignsNewestFirstFilteredByStatus() {
		CampaignClient globex = CampaignClient.as(TestAccount.GLOBEX, this.port);
		String first = globex.create("{\"name\": \"One\", \"body\": \"Hello\"}");
		String second = globex.create("{\"name\": \"Two\", \"body\": \"Hello\"}");
		String third = globex.create("{\"name\": \"Three\", \"body\": \"Hello\"}");

		ApiResponse page = globex.http().get("/api/v1/campaigns?status=DRAFT&limit=2");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.<List<String>>json("$.items[*].id")).containsExactly(third, second);
		String next = page.json("$.next");
		assertThat(next).isNotNull();
		ApiResponse rest = globex.http().get("/api/v1/campaigns?status=DRAFT&limit=2&cursor=" + next);
		assertThat(rest.<List<String>>json("$.items[*].id")).startsWith(first);
		assertThat(globex.http().get("/api/v1/campaigns?status=SENDING").<List<String>>json("$.items[*].id"))
			.doesNotContain(first, second, third);
	}

	@Test
	void answersABadStatusFilterOrLimitWith400() {
		assertThat(acme().http().get("/api/v1/campaigns?status=BOGUS").<String>json("$.errors[0].field"))
			.isEqualTo("status");
		assertThat(acme().http().get("/api/v1/campaigns?limit=0").<String>json("$.errors[0].field")).isEqualTo("limit");
		assertThat(acme().http().get("/api/v1/campaigns?cursor=garbage").status()).isEqualTo(400);
	}

	@Test
	void answersAnotherAccountsCampaignWith404Everywhere() {
		String id = acme().create("""
				{"name": "Acme only", "body": "Hello", "recipients": [{"phone": "%s"}]}"""
			.formatted(Numbers.newYork()));
		Http globex = Http.as(TestAccount.GLOBEX, this.port);
		String path = "/api/v1/campaigns/" + id;

		assertThat(globex.get(path).status()).isEqualTo(404);
		assertThat(globex.patch(path, "{\"name\": \"Mine\"}").status()).isEqualTo(404);
		assertThat(globex.postJson(path + "/activate", "").status()).isEqualTo(404);
		assertThat(globex.postJson(path + "/cancel", "").status()).isEqualTo(404);
		assertThat(globex.postJson(path + "/duplicate", "").status()).isEqualTo(404);
		assertThat(globex.uploadCsv(path + "/audience", "phone\n+12125550100\n").status()).isEqualTo(404);
		assertThat(globex.get("/api/v1/campaigns?limit=100").<List<String>>json("$.items[*].id")).doesNotContain(id);
		ApiResponse notFound = globex.get(path);
		assertThat(notFound.contentType()).startsWith("application/problem+json");
		assertThat(acme().get(id).<String>json("$.name")).isEqualTo("Acme only");
	}

	@Test
	void answersAnUnknownIdWith404() {
		assertThat(acme().get("not-a-uuid").status()).isEqualTo(404);
		assertThat(acme().get("00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
	}

	@Test
	void refusesACallWithoutAnApiKey() {
		assertThat(ApiClient.anonymous("http://localhost:" + this.port).get("/api/v1/campaigns").status())
			.isEqualTo(401);
	}

	@Test
	void servesTheOpenApiDescriptionAndSwaggerUi() {
		ApiClient open = ApiClient.anonymous("http://localhost:" + this.port);

		ApiResponse docs = open.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.<String>json("$.openapi")).startsWith("3.");
		assertThat(docs.<Object>json("$.paths['/api/v1/campaigns']")).isNotNull();
		assertThat(docs.<Object>json("$.paths['/api/v1/campaigns/{id}/cancel']")).isNotNull();
		ApiResponse ui = open.get("/swagger-ui/index.html");
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("Swagger UI");
	}

	private CampaignClient acme() {
		return CampaignClient.as(TestAccount.ACME, this.port);
	}

}
