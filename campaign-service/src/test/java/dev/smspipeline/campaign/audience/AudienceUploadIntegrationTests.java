package dev.smspipeline.campaign.audience;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smspipeline.campaign.support.CampaignClient;
import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.SlowUpload;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

@CampaignServiceTest
class AudienceUploadIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void keepsTheGoodRowsAndReportsBrokenOnesByLineNumber() {
		String id = acme().create("{\"name\": \"CSV\", \"body\": \"Hi {{firstName}}\"}");
		String csv = """
				phone,timezone,firstName
				%s,America/New_York,Ada
				%s,,"Grace, Jr."
				,America/Chicago,Nobody
				%s,Mars/Olympus,Marvin
				%s,America/Chicago
				+442071838750,,London
				"%s",America/Los_Angeles,"Quoted ""Q"" here"
				""".formatted(Numbers.newYork(), Numbers.chicago(), Numbers.losAngeles(), Numbers.chicago(),
				Numbers.losAngeles());

		ApiResponse report = acme().http().uploadCsv("/api/v1/campaigns/" + id + "/audience", csv);

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.<Integer>json("$.rows")).isEqualTo(7);
		assertThat(report.<Integer>json("$.added")).isEqualTo(4);
		assertThat(report.<Integer>json("$.invalidNumbers")).isEqualTo(1);
		assertThat(report.<Integer>json("$.brokenRows")).isEqualTo(3);
		assertThat(report.<List<Integer>>json("$.errors[*].line")).containsExactly(4, 5, 6);
		assertThat(report.<String>json("$.errors[0].reason")).isEqualTo("phone is empty");
		assertThat(report.<String>json("$.errors[1].reason")).contains("Mars/Olympus");
		assertThat(report.<String>json("$.errors[2].reason")).contains("has 2 fields; the header has 3");
		assertThat(report.<Integer>json("$.audienceSize")).isEqualTo(4);
		assertThat(acme().get(id).<Integer>json("$.audience.recipients")).isEqualTo(4);
	}

	@Test
	void collapsesNumbersAlreadyInTheAudience() {
		String phone = Numbers.newYork();
		String id = acme().create("""
				{"name": "CSV dupes", "body": "Hello", "recipients": [{"phone": "%s"}]}""".formatted(phone));

		ApiResponse report = acme().http()
			.uploadCsv("/api/v1/campaigns/" + id + "/audience", "phone\n%s\n(212) %s-%s\n%s\n".formatted(phone,
					phone.substring(5, 8), phone.substring(8), Numbers.chicago()));

		assertThat(report.<Integer>json("$.added")).isEqualTo(1);
		assertThat(report.<Integer>json("$.duplicates")).isEqualTo(2);
		assertThat(report.<Integer>json("$.audienceSize")).isEqualTo(2);
	}

	@Test
	void answersAHeaderWithoutAPhoneColumnWith400() {
		String id = acme().create("{\"name\": \"CSV\", \"body\": \"Hello\"}");

		ApiResponse response = acme().http().uploadCsv("/api/v1/campaigns/" + id + "/audience", "name\nAda\n");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.<String>json("$.errors[0].reason")).contains("no phone column");
	}

	@Test
	void refusesAnAudienceForAnActivatedCampaignWith409() {
		String id = acme().create("""
				{"name": "Live", "body": "Hello", "sendAt": "2099-01-01T10:00:00Z", "recipients": [{"phone": "%s"}]}"""
			.formatted(Numbers.newYork()));
		acme().activate(id);

		ApiResponse response = acme().http()
			.uploadCsv("/api/v1/campaigns/" + id + "/audience", "phone\n" + Numbers.chicago() + "\n");

		assertThat(response.status()).isEqualTo(409);
	}

	@Test
	void keepsTheFirstOfTwoRowsWithOneNumber() {
		String phone = Numbers.newYork();
		String id = acme().create("{\"name\": \"CSV order\", \"body\": \"Hi {{firstName}}\"}");

		ApiResponse report = acme().http()
			.uploadCsv("/api/v1/campaigns/" + id + "/audience",
					"phone,firstName\n%s,First\n%s,Second\n".formatted(phone, phone));

		assertThat(report.<Integer>json("$.added")).isEqualTo(1);
		assertThat(report.<Integer>json("$.duplicates")).isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT attributes->>'firstName' FROM audience_member WHERE campaign_id = ?::uuid AND phone_key = ?",
				String.class, id, phone))
			.isEqualTo("First");
	}

	@Test
	void addsNothingWhenTheCampaignIsActivatedWhileItsAudienceIsStillBeingSent() {
		String id = acme().create("""
				{"name": "Raced", "body": "Hello", "sendAt": "2099-01-01T10:00:00Z", "recipients": [{"phone": "%s"}]}"""
			.formatted(Numbers.newYork()));
		try (SlowUpload upload = SlowUpload.start(TestAccount.ACME, this.port, id,
				"phone\n" + Numbers.chicago() + "\n")) {
			acme().activate(id);
			upload.send(Numbers.losAngeles() + "\n");

			ApiResponse response = upload.finish().response();

			assertThat(response.status()).as(response.body()).isEqualTo(409);
		}
		assertThat(acme().get(id).<Integer>json("$.audience.recipients")).isEqualTo(1);
	}

	@Test
	void leavesNoStagedRowsBehindWhateverTheOutcome() {
		String draft = acme().create("{\"name\": \"Staged\", \"body\": \"Hello\"}");
		acme().http().uploadCsv("/api/v1/campaigns/" + draft + "/audience", "phone\n" + Numbers.newYork() + "\n");
		acme().http().uploadCsv("/api/v1/campaigns/" + draft + "/audience", "name\nAda\n");
		String live = acme().create("""
				{"name": "Live", "body": "Hello", "sendAt": "2099-01-01T10:00:00Z", "recipients": [{"phone": "%s"}]}"""
			.formatted(Numbers.newYork()));
		acme().activate(live);
		acme().http().uploadCsv("/api/v1/campaigns/" + live + "/audience", "phone\n" + Numbers.chicago() + "\n");

		assertThat(this.jdbc
			.queryForObject("SELECT count(*) FROM audience_upload_row r JOIN audience_upload u ON u.id = r.upload_id "
					+ "WHERE u.campaign_id IN (?::uuid, ?::uuid)", Long.class, draft, live))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM audience_upload WHERE campaign_id IN (?::uuid, ?::uuid)",
						Long.class, draft, live))
			.isZero();
	}

	private CampaignClient acme() {
		return CampaignClient.as(TestAccount.ACME, this.port);
	}

}
