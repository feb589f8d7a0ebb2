package dev.smspipeline.campaign.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.campaign.support.Http;
import dev.smspipeline.campaign.support.Numbers;
import dev.smspipeline.campaign.support.OneOffs;
import dev.smspipeline.campaign.support.Operator;
import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The operators' accounts API and what every service's view of the accounts makes of it:
 * accounts, keys and suspensions take effect without a restart, through
 * {@code sms.accounts}.
 */
@CampaignServiceTest
class AccountAdminIntegrationTests {

	private static TopicProbe<AccountState> published;

	@LocalServerPort
	int port;

	@Autowired
	KeyUsageRecorder keyUsage;

	@BeforeAll
	static void openProbe() {
		published = TopicProbe.of(Topics.ACCOUNTS);
	}

	@AfterAll
	static void closeProbe() {
		published.close();
	}

	@Test
	void anAccountCreatedAtRunTimeSendsWithItsNewKeyWithinFiveSeconds() {
		String id = Operator.newAccountId();
		assertThat(admin().postJson("/admin/v1/accounts", "{\"id\": \"" + id + "\", \"name\": \"Spring Clinic\"}")
			.status()).isEqualTo(201);

		TestAccount account = issueKey(id);

		Awaitility.await()
			.atMost(Operator.PROPAGATION)
			.untilAsserted(() -> assertThat(OneOffs.send(as(account), Numbers.newYork(), "Your code is 1234").status())
				.isEqualTo(202));
	}

	@Test
	void aRevokedKeyIsRefusedWithinFiveSeconds() {
		String id = createAccount();
		TestAccount account = issueKey(id);
		awaitAccepted(account);
		String keyId = admin().get("/admin/v1/accounts/" + id + "/keys").json("$.items[0].keyId");

		assertThat(adminHttp().delete("/admin/v1/accounts/" + id + "/keys/" + keyId).status()).isEqualTo(204);

		Awaitility.await()
			.atMost(Operator.PROPAGATION)
			.untilAsserted(() -> assertThat(as(account).get("/api/v1/campaigns").status()).isEqualTo(401));
	}

	@Test
	void aSuspendedAccountIsRefusedUntilItIsResumed() {
		String id = createAccount();
		TestAccount account = issueKey(id);
		awaitAccepted(account);

		assertThat(admin().postJson("/admin/v1/accounts/" + id + "/suspend", "").<String>json("$.status"))
			.isEqualTo("SUSPENDED");
		Awaitility.await()
			.atMost(Operator.PROPAGATION)
			.untilAsserted(() -> assertThat(as(account).get("/api/v1/campaigns").status()).isEqualTo(403));

		admin().postJson("/admin/v1/accounts/" + id + "/resume", "");
		awaitAccepted(account);
	}

	@Test
	void theSecondKeyOfAnAccountWorksBesideTheFirst() {
		String id = createAccount();
		TestAccount first = issueKey(id);
		TestAccount second = issueKey(id);

		awaitAccepted(first);
		awaitAccepted(second);
		assertThat(admin().get("/admin/v1/accounts/" + id + "/keys").<List<?>>json("$.items")).hasSize(2);
	}

	@Test
	void listedKeysNeverShowTheirSecret() {
		String id = createAccount();
		TestAccount account = issueKey(id);

		ApiResponse keys = admin().get("/admin/v1/accounts/" + id + "/keys");

		assertThat(keys.body()).doesNotContain(account.apiKey()).doesNotContain("apiKey");
		assertThat(keys.<String>json("$.items[0].name")).isEqualTo("test key");
		assertThat(keys.<String>json("$.items[0].createdAt")).isNotNull();
	}

	@Test
	void listsTheMinuteAKeyWasLastUsedAndNothingForAnUnusedOne() {
		String id = createAccount();
		TestAccount used = issueKey(id);
		issueKey(id);
		awaitAccepted(used);

		this.keyUsage.record();

		ApiResponse keys = admin().get("/admin/v1/accounts/" + id + "/keys");
		assertThat(Instant.parse(keys.<String>json("$.items[0].lastUsedAt")))
			.isCloseTo(Instant.now().truncatedTo(ChronoUnit.MINUTES), within(1, ChronoUnit.MINUTES));
		assertThat(keys.<Map<String, Object>>json("$.items[1]")).doesNotContainKey("lastUsedAt");
	}

	@Test
	void theAdminApiRefusesCallsWithoutTheOperatorKey() {
		assertThat(ApiClient.anonymous(baseUrl()).get("/admin/v1/accounts").status()).isEqualTo(401);
		assertThat(ApiClient.as(TestAccount.ACME, baseUrl()).get("/admin/v1/accounts").status()).isEqualTo(401);
		assertThat(ApiClient.anonymous(baseUrl()).get("/admin;x=1/v1/accounts").status()).isEqualTo(401);
	}

	@Test
	void pathParametersDoNotSlipPastTheApiKeyFilter() {
		ApiResponse answer = ApiClient.anonymous(baseUrl()).get("/api;x=1/v1/campaigns");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aSenderNumberBelongsToOneAccount() {
		String number = Numbers.chicago();
		String owner = Operator.newAccountId();
		assertThat(admin().postJson("/admin/v1/accounts", account(owner, number)).status()).isEqualTo(201);

		ApiResponse answer = admin().postJson("/admin/v1/accounts", account(Operator.newAccountId(), number));

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.body()).contains("senders[0].number").contains("belongs to another account");
	}

	@Test
	void sendersAreStoredInTheirCanonicalForm() {
		String id = Operator.newAccountId();
		String number = Numbers.losAngeles();
		String shortCode = shortCode();
		String national = "(" + number.substring(2, 5) + ") " + number.substring(5, 8) + "-" + number.substring(8);

		ApiResponse created = admin().postJson("/admin/v1/accounts", """
				{"id": "%s", "senders": [
				  {"number": "%s", "kind": "LONG_CODE"},
				  {"number": "%s", "kind": "SHORT_CODE"}],
				 "defaultSender": "%s"}""".formatted(id, national, shortCode, shortCode));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.<List<String>>json("$.senders[*].number")).contains(number);
		assertThat(created.<List<Object>>json("$.senders[?(@.kind == 'SHORT_CODE')].segmentsPerSecond"))
			.containsExactly(100.0);
	}

	@Test
	void aDefaultSenderMustBeOneOfTheAccountsSenders() {
		ApiResponse answer = admin().postJson("/admin/v1/accounts", """
				{"id": "%s", "senders": [{"number": "%s", "kind": "LONG_CODE"}], "defaultSender": "%s"}"""
			.formatted(Operator.newAccountId(), Numbers.newYork(), Numbers.toronto()));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("defaultSender");
	}

	@Test
	void anInvalidAccountIdIsRefusedNamingTheField() {
		ApiResponse answer = admin().postJson("/admin/v1/accounts", "{\"id\": \"Not An Id!\"}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("\"id\"");
	}

	@Test
	void everyChangeIsPublishedAsTheWholeStateWithTheNextVersion() {
		String id = createAccount();

		ApiResponse patched = adminHttp().patch("/admin/v1/accounts/" + id, "{\"dailyLimit\": 500, \"trial\": true}");

		assertThat(patched.<Integer>json("$.version")).isEqualTo(2);
		AccountState state = published.await((record) -> record.getAccountId().equals(id) && record.getVersion() == 2);
		assertThat(state.getDailyLimit()).isEqualTo(500L);
		assertThat(state.getTrial()).isTrue();
		assertThat(state.getStatus()).isEqualTo(AccountStatus.ACTIVE);
	}

	@Test
	void aHelpTextIsStoredShownAndPublishedWithTheAccount() {
		String id = Operator.newAccountId();
		String helpText = "Spring Clinic: appointment texts. Help: 555-0100. Reply STOP to opt out.";

		ApiResponse created = admin().postJson("/admin/v1/accounts",
				"{\"id\": \"%s\", \"helpText\": \"  %s \"}".formatted(id, helpText));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.<String>json("$.helpText")).isEqualTo(helpText);
		assertThat(admin().get("/admin/v1/accounts/" + id).<String>json("$.helpText")).isEqualTo(helpText);
		AccountState state = published.await((record) -> record.getAccountId().equals(id));
		assertThat(state.getHelpText()).isEqualTo(helpText);
	}

	@Test
	void aPatchSetsAndANullRemovesTheHelpText() {
		String id = createAccount();

		ApiResponse set = adminHttp().patch("/admin/v1/accounts/" + id,
				"{\"helpText\": \"Globex: reply STOP to stop.\"}");
		ApiResponse removed = adminHttp().patch("/admin/v1/accounts/" + id, "{\"helpText\": null}");

		assertThat(set.<String>json("$.helpText")).isEqualTo("Globex: reply STOP to stop.");
		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.body()).doesNotContain("Globex:");
		assertThat(
				published.await((record) -> record.getAccountId().equals(id) && record.getVersion() == 2).getHelpText())
			.isEqualTo("Globex: reply STOP to stop.");
		assertThat(
				published.await((record) -> record.getAccountId().equals(id) && record.getVersion() == 3).getHelpText())
			.isNull();
	}

	@Test
	void aHelpTextOfOneFullSegmentIsAccepted() {
		String gsm = "{\"id\": \"%s\", \"helpText\": \"%s\"}".formatted(Operator.newAccountId(), "a".repeat(160));
		String unicode = "{\"id\": \"%s\", \"helpText\": \"%s\"}".formatted(Operator.newAccountId(),
				"\u2713".repeat(70));

		assertThat(admin().postJson("/admin/v1/accounts", gsm).status()).isEqualTo(201);
		assertThat(admin().postJson("/admin/v1/accounts", unicode).status()).isEqualTo(201);
	}

	@Test
	void aHelpTextLongerThanOneSegmentIsRefusedNamingTheField() {
		String id = Operator.newAccountId();

		ApiResponse tooLong = admin().postJson("/admin/v1/accounts",
				"{\"id\": \"%s\", \"helpText\": \"%s\"}".formatted(id, "a".repeat(161)));
		ApiResponse tooLongUnicode = admin().postJson("/admin/v1/accounts",
				"{\"id\": \"%s\", \"helpText\": \"%s\"}".formatted(id, "\u2713".repeat(71)));

		assertThat(tooLong.status()).isEqualTo(422);
		assertThat(tooLong.contentType()).startsWith("application/problem+json");
		assertThat(tooLong.<String>json("$.errors[0].field")).isEqualTo("helpText");
		assertThat(tooLongUnicode.status()).isEqualTo(422);
		assertThat(tooLongUnicode.<String>json("$.errors[0].field")).isEqualTo("helpText");
		assertThat(admin().get("/admin/v1/accounts/" + id).status()).isEqualTo(404);
	}

	@Test
	void aPatchThatMakesTheHelpTextTooLongChangesNothing() {
		String id = createAccount();

		ApiResponse answer = adminHttp().patch("/admin/v1/accounts/" + id,
				"{\"helpText\": \"%s\"}".formatted("€".repeat(81)));

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.<String>json("$.errors[0].field")).isEqualTo("helpText");
		assertThat(admin().get("/admin/v1/accounts/" + id).<Integer>json("$.version")).isEqualTo(1);
	}

	@Test
	void aPatchCannotChangeTheId() {
		String id = createAccount();

		ApiResponse answer = adminHttp().patch("/admin/v1/accounts/" + id, "{\"id\": \"someone-else\"}");

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.body()).contains("\"id\"");
	}

	@Test
	void anUnknownAccountAnswers404() {
		assertThat(admin().get("/admin/v1/accounts/" + Operator.newAccountId()).status()).isEqualTo(404);
		assertThat(admin().postJson("/admin/v1/accounts/" + Operator.newAccountId() + "/keys", "{}").status())
			.isEqualTo(404);
	}

	private static String account(String id, String sender) {
		return "{\"id\": \"%s\", \"senders\": [{\"number\": \"%s\", \"kind\": \"LONG_CODE\"}]}".formatted(id, sender);
	}

	private static String shortCode() {
		return String.valueOf(ThreadLocalRandom.current().nextInt(10000, 1000000));
	}

	private Http as(TestAccount account) {
		return Http.as(account, this.port);
	}

	private ApiClient admin() {
		return Operator.at(this.port).api();
	}

	private Http adminHttp() {
		return Operator.at(this.port).http();
	}

	private String createAccount() {
		return Operator.at(this.port).create();
	}

	private TestAccount issueKey(String id) {
		return Operator.at(this.port).issueKey(id);
	}

	private void awaitAccepted(TestAccount account) {
		Operator.at(this.port).awaitAccepted(account);
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
