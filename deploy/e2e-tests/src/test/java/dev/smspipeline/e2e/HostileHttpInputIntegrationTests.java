package dev.smspipeline.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.twilio.TwilioSignature;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input and intruders at every HTTP entry point of the running pipeline: calls
 * without a key, with a wrong or revoked key, one account's key at another account's ids,
 * malformed, oversized and mistyped bodies, unknown fields, invalid and foreign numbers,
 * broken and huge CSV uploads, unsigned, forged and replayed carrier callbacks, and
 * malformed query parameters. Each gets a clear 4xx, as problem+json with the field where
 * one is at fault (401 for a missing or bad key, 403 for an unsigned callback, 404 for
 * another account's id, never its data); nothing answers 5xx; the good traffic sent
 * around them is delivered; and the services neither crash nor restart.
 *
 * <p>
 * Decisions these cases pin down: unknown JSON fields are ignored, not refused (a
 * tolerant reader, as Avro readers are on the topics, so a CRM integration that sends an
 * extra field keeps working); an invalid or foreign number is not a 400 but a text that
 * ends {@code REJECTED} with {@code INVALID_NUMBER} or {@code UNSUPPORTED_COUNTRY}, as
 * docs/contracts.md's statuses say; a JSON body is capped at 16 MB by Jackson's document
 * limit (campaign-service
 * {@code spring.jackson.factory.constraints.read.max-document-length}); a CSV upload is
 * streamed with no size cap, each row capped by
 * {@code sms.campaigns.audience.max-row-length}.
 */
@ExtendWith(Pipeline.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileHttpInputIntegrationTests {

	private static final TestAccount ACME = TestAccount.ACME;

	private static final TestAccount GLOBEX = TestAccount.GLOBEX;

	private static final String NUL = "\\u0000";

	private static final CaseReport report = new CaseReport("http");

	private static Pipeline pipeline;

	private static String campaignUrl;

	private static String statusUrl;

	/** GLOBEX's data, which no answer to ACME may ever contain. */
	private static Globex globex;

	/** A DRAFT of ACME's, to edit and upload to. */
	private static String acmeDraft;

	/** Good texts sent around the bad calls, by their account. */
	private static final Map<String, TestAccount> goodTraffic = new LinkedHashMap<>();

	/** ACME's first good text, whose callbacks are replayed. */
	private static String acmeText;

	/** Numbers only bad or unauthorised calls named: the carrier must never see them. */
	private static final List<String> neverTexted = new ArrayList<>(List.of("+14155582001", "+14155582002",
			"+14155580003", "+14155580004", "+14155580005", "+14155580006", "+14155580007", "+14155580010"));

	private static final Map<String, Integer> logLinesAtStart = new LinkedHashMap<>();

	@BeforeAll
	static void setUp(Pipeline started) {
		pipeline = started;
		campaignUrl = pipeline.campaign().baseUrl();
		statusUrl = pipeline.status().baseUrl();
		pipeline.services().forEach((service) -> logLinesAtStart.put(service.name(), service.logLines().size()));
		globex = Globex.create(pipeline);
		acmeDraft = pipeline.campaignApi(ACME).postJson("/api/v1/campaigns", """
				{"name": "Acme draft", "body": "Hi {{firstName}}"}""").json("$.id");
		acmeText = send(ACME, "+14155580001", "Good text before the storm");
		goodTraffic.put(acmeText, ACME);
		goodTraffic.put(send(GLOBEX, "+14155580002", "Globex good text before"), GLOBEX);
	}

	@AfterAll
	static void writeReport() {
		report.write();
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> answersEveryCallWithoutAValidKeyWith401() {
		revokeInitechsKey();
		return dynamicTests(Stream.of(
				// Without a key at all: nothing is created, nothing is texted.
				authCase("no Authorization header", campaign("POST /api/v1/messages"),
						() -> RawHttp.post(campaignUrl + "/api/v1/messages")
							.json("{\"recipient\": \"+14155582001\", \"body\": \"Sneaky\"}")
							.send()),
				authCase("no Authorization header", status("GET /api/v1/messages/{id}"),
						() -> RawHttp.get(statusUrl + "/api/v1/messages/" + globex.messageId()).send()),
				authCase("Basic scheme instead of Bearer", campaign("GET /api/v1/campaigns"),
						() -> RawHttp.get(campaignUrl + "/api/v1/campaigns")
							.header("Authorization", "Basic YWNtZTpzZWNyZXQ=")
							.send()),
				authCase("'Bearer' with no key", status("GET /api/v1/recipients?minFailed=1"),
						() -> RawHttp.get(statusUrl + "/api/v1/recipients?minFailed=1")
							.header("Authorization", "Bearer ")
							.send()),
				authCase("unknown key", campaign("POST /api/v1/campaigns"),
						() -> RawHttp.post(campaignUrl + "/api/v1/campaigns")
							.header("Authorization", "Bearer sk_live_guessed_0000000000000000")
							.json("{\"name\": \"Intruder\", \"body\": \"x\"}")
							.send()),
				authCase("unknown key", status("GET /api/v1/campaigns"),
						() -> RawHttp.get(statusUrl + "/api/v1/campaigns")
							.header("Authorization", "Bearer sk_live_guessed_0000000000000000")
							.send()),
				authCase("GLOBEX's key with one character changed", status("GET /api/v1/messages/{id}"),
						() -> RawHttp.get(statusUrl + "/api/v1/messages/" + globex.messageId())
							.header("Authorization", GLOBEX.bearer().substring(0, GLOBEX.bearer().length() - 1) + "0")
							.send()),
				authCase("a 4 kB key", campaign("GET /api/v1/opt-outs/{e164}"),
						() -> RawHttp.get(campaignUrl + "/api/v1/opt-outs/" + globex.optedOut())
							.header("Authorization", "Bearer " + "k".repeat(4_000))
							.send()),
				new HttpCase("auth", "a 10 kB key (over Tomcat's 8 kB header limit)",
						campaign("GET /api/v1/opt-outs/{e164}"),
						() -> RawHttp.get(campaignUrl + "/api/v1/opt-outs/" + globex.optedOut())
							.header("Authorization", "Bearer " + "k".repeat(10_000))
							.send(),
						400),
				authCase("revoked key (account given a new key)", campaign("GET /api/v1/campaigns"),
						() -> RawHttp.get(campaignUrl + "/api/v1/campaigns").as(Pipeline.INITECH).send()),
				authCase("revoked key (account given a new key)", status("GET /api/v1/campaigns"),
						() -> RawHttp.get(statusUrl + "/api/v1/campaigns").as(Pipeline.INITECH).send()),
				new HttpCase("auth", "actuator endpoint other than health and prometheus",
						campaign("GET /actuator/env"), () -> RawHttp.get(campaignUrl + "/actuator/env").send(), 404),
				new HttpCase("auth", "actuator endpoint other than health and prometheus",
						status("GET /actuator/beans"), () -> RawHttp.get(statusUrl + "/actuator/beans").send(), 404),
				new HttpCase("auth", "metrics on the service port (they are on the management port only)",
						campaign("GET /actuator/prometheus"),
						() -> RawHttp.get(campaignUrl + "/actuator/prometheus").send(), 404),
				new HttpCase("auth", "metrics on the service port (they are on the management port only)",
						status("GET /actuator/prometheus"),
						() -> RawHttp.get(statusUrl + "/actuator/prometheus").send(), 404),
				new HttpCase("auth", "readiness probe, which needs no key", campaign("GET /readyz"),
						() -> RawHttp.get(campaignUrl + "/readyz").send(), 200),
				new HttpCase("auth", "liveness probe, which needs no key", status("GET /livez"),
						() -> RawHttp.get(statusUrl + "/livez").send(), 200)));
	}

	@TestFactory
	@Order(2)
	Stream<DynamicTest> answersAnotherAccountsIdsWith404AndNeverItsData() {
		String campaign = "/api/v1/campaigns/" + globex.campaignId();
		return dynamicTests(Stream.of(
				intruderCase("GLOBEX's campaign", campaign("GET /api/v1/campaigns/{id}"),
						() -> RawHttp.get(campaignUrl + campaign).as(ACME).send(), 404),
				intruderCase("edit GLOBEX's campaign", campaign("PATCH /api/v1/campaigns/{id}"),
						() -> RawHttp.patch(campaignUrl + campaign).as(ACME).json("{\"name\": \"pwned\"}").send(), 404),
				intruderCase("activate GLOBEX's campaign", campaign("POST /api/v1/campaigns/{id}/activate"),
						() -> RawHttp.post(campaignUrl + campaign + "/activate").as(ACME).send(), 404),
				intruderCase("cancel GLOBEX's campaign", campaign("POST /api/v1/campaigns/{id}/cancel"),
						() -> RawHttp.post(campaignUrl + campaign + "/cancel").as(ACME).send(), 404),
				intruderCase("copy GLOBEX's campaign", campaign("POST /api/v1/campaigns/{id}/duplicate"),
						() -> RawHttp.post(campaignUrl + campaign + "/duplicate").as(ACME).send(), 404),
				intruderCase("upload to GLOBEX's campaign", campaign("POST /api/v1/campaigns/{id}/audience"),
						() -> RawHttp.post(campaignUrl + campaign + "/audience")
							.as(ACME)
							.body("text/csv", "phone\n+14155582002\n")
							.send(),
						404),
				intruderCase("delete a lead from GLOBEX's campaign",
						campaign("DELETE /api/v1/campaigns/{id}/recipients/{phone}"),
						() -> RawHttp.delete(campaignUrl + campaign + "/recipients/" + globex.recipient())
							.as(ACME)
							.send(),
						404),
				intruderCase("GLOBEX's opt-out", campaign("GET /api/v1/opt-outs/{e164}"),
						() -> RawHttp.get(campaignUrl + "/api/v1/opt-outs/" + globex.optedOut()).as(ACME).send(), 404),
				intruderCase("GLOBEX's message", status("GET /api/v1/messages/{id}"),
						() -> RawHttp.get(statusUrl + "/api/v1/messages/" + globex.messageId()).as(ACME).send(), 404),
				intruderCase("GLOBEX's campaign stats", status("GET /api/v1/campaigns/{id}/stats"),
						() -> RawHttp.get(statusUrl + campaign + "/stats").as(ACME).send(), 404),
				intruderCase("GLOBEX's recipient's texts", status("GET /api/v1/recipients/{e164}/messages"),
						() -> RawHttp
							.get(statusUrl + "/api/v1/recipients/" + RawHttp.encode(globex.texted()) + "/messages")
							.as(ACME)
							.send(),
						200)
					.then((response) -> assertThat(response.<List<?>>json("$.items")).isEmpty()),
				intruderCase("campaign list", campaign("GET /api/v1/campaigns"),
						() -> RawHttp.get(campaignUrl + "/api/v1/campaigns?limit=100").as(ACME).send(), 200)
					.then(HostileHttpInputIntegrationTests::namesNoGlobexId),
				intruderCase("campaign stats list", status("GET /api/v1/campaigns"),
						() -> RawHttp.get(statusUrl + "/api/v1/campaigns?limit=100").as(ACME).send(), 200)
					.then(HostileHttpInputIntegrationTests::namesNoGlobexId),
				intruderCase("search of delivered texts", status("GET /api/v1/messages?status=delivered"), () -> RawHttp
					.get(statusUrl + "/api/v1/messages?status=delivered&limit=100&createdFrom="
							+ Instant.now().minus(Duration.ofHours(1)) + "&createdTo=" + Instant.now().plusSeconds(60))
					.as(ACME)
					.send(), 200).then(HostileHttpInputIntegrationTests::namesNoGlobexId),
				intruderCase("search of recipients with a failed text", status("GET /api/v1/recipients?minFailed=1"),
						() -> RawHttp.get(statusUrl + "/api/v1/recipients?minFailed=1&limit=100").as(ACME).send(), 200)
					.then(HostileHttpInputIntegrationTests::namesNoGlobexId),
				intruderCase("opting GLOBEX's opted-out number back in", campaign("DELETE /api/v1/opt-outs/{e164}"),
						() -> RawHttp.delete(campaignUrl + "/api/v1/opt-outs/" + globex.optedOut()).as(ACME).send(),
						204)
					.then((response) -> assertThat(
							pipeline.campaignApi(GLOBEX).get("/api/v1/opt-outs/" + globex.optedOut()).status())
						.as("GLOBEX's opt-out is untouched")
						.isEqualTo(200))));
	}

	@TestFactory
	@Order(3)
	Stream<DynamicTest> answersMalformedBodiesWith400NamingTheField() {
		return dynamicTests(Stream.of(
				bodyCase("truncated JSON", "POST /api/v1/messages", "{\"recipient\": \"+1415", "body"),
				bodyCase("a JSON array where an object belongs", "POST /api/v1/messages", "[1, 2]", "body"),
				bodyCase("an object where a string belongs", "POST /api/v1/messages",
						"{\"recipient\": {\"e164\": \"+14155580003\"}, \"body\": \"x\"}", "recipient"),
				bodyCase("an empty body", "POST /api/v1/messages", "", "body"),
				bodyCase("no recipient", "POST /api/v1/messages", "{\"body\": \"Hi\"}", "recipient"),
				bodyCase("sendAt that is no instant", "POST /api/v1/campaigns",
						"{\"name\": \"x\", \"body\": \"y\", \"sendAt\": \"tomorrow\"}", "sendAt"),
				bodyCase("validity that is no duration", "POST /api/v1/campaigns",
						"{\"name\": \"x\", \"body\": \"y\", \"validity\": \"four hours\"}", "validity"),
				bodyCase("sendAtLocalTime 25:99", "POST /api/v1/campaigns",
						"{\"name\": \"x\", \"body\": \"y\", \"sendAtLocalTime\": \"25:99\"}", "sendAtLocalTime"),
				bodyCase("NUL in a campaign name (was a 500)", "POST /api/v1/campaigns",
						"{\"name\": \"Spring" + NUL + "sale\", \"body\": \"Hi\"}", "name"),
				bodyCase("NUL in a recipient attribute (was a 500)", "POST /api/v1/campaigns",
						"{\"name\": \"x\", \"body\": \"Hi\", \"recipients\": [{\"phone\": \"+14155580004\", "
								+ "\"attributes\": {\"firstName\": \"A" + NUL + "\"}}]}",
						"recipients[0]"),
				bodyCase("a 33-character sender (wedged the status store)", "POST /api/v1/messages",
						"{\"recipient\": \"+14155580005\", \"body\": \"x\", \"sender\": \"" + "9".repeat(33) + "\"}",
						"sender"),
				bodyCase("a 5,000-character campaignId (wedged the status store)", "POST /api/v1/messages",
						"{\"recipient\": \"+14155580005\", \"body\": \"x\", \"campaignId\": \"" + "c".repeat(5000)
								+ "\"}",
						"campaignId"),
				bodyCase("a campaignId with a control character (stuck the text in dispatch)", "POST /api/v1/messages",
						"{\"recipient\": \"+14155580005\", \"body\": \"x\", \"campaignId\": \"c" + NUL + "\"}",
						"campaignId"),
				new HttpCase("malformed body", "JSON nested 3,000 levels deep (Jackson's depth limit)",
						campaign("PATCH /api/v1/campaigns/{id}"),
						() -> RawHttp.patch(campaignUrl + "/api/v1/campaigns/" + acmeDraft)
							.as(ACME)
							.body("application/merge-patch+json",
									"{\"name\": " + "[".repeat(3000) + "]".repeat(3000) + "}")
							.send(),
						400)
					.field("body"),
				new HttpCase("malformed body", "a 300-character Idempotency-Key", campaign("POST /api/v1/messages"),
						() -> RawHttp.post(campaignUrl + "/api/v1/messages")
							.as(ACME)
							.header("Idempotency-Key", "k".repeat(300))
							.json("{\"recipient\": \"+14155580006\", \"body\": \"x\"}")
							.send(),
						400)
					.field("Idempotency-Key"),
				new HttpCase("malformed body", "a merge patch that is no object",
						campaign("PATCH /api/v1/campaigns/{id}"),
						() -> RawHttp.patch(campaignUrl + "/api/v1/campaigns/" + acmeDraft)
							.as(ACME)
							.body("application/merge-patch+json", "\"rename me\"")
							.send(),
						400)
					.field("body")));
	}

	@TestFactory
	@Order(4)
	Stream<DynamicTest> answersOversizedBodiesWith4xxNotA500() {
		String recipients = IntStream.range(0, 10_001)
			.mapToObj((i) -> "{\"phone\": \"+1415557" + String.format("%04d", i % 10_000) + "\"}")
			.collect(Collectors.joining(",", "[", "]"));
		return dynamicTests(
				Stream.of(
						new HttpCase("oversized",
								"a 17 MB JSON body (over the 16 MB document limit; ~95 MB was an OutOfMemoryError 500)",
								campaign("POST /api/v1/messages"),
								() -> RawHttp.post(campaignUrl + "/api/v1/messages")
									.as(ACME)
									.json("{\"recipient\": \"+14155580007\", \"body\": \"" + "a".repeat(17_000_000)
											+ "\"}")
									.send(),
								400)
							.field("body")
							.then((response) -> assertThat(response.<String>json("$.detail"))
								.contains("exceeds the maximum")),
						bodyCase("oversized", "a body of 11 SMS segments", "POST /api/v1/messages",
								"{\"recipient\": \"+14155580007\", \"body\": \"" + "✓".repeat(67 * 10 + 1) + "\"}",
								"body"),
						new HttpCase("oversized", "10,001 inline recipients (10,000 allowed)",
								campaign("POST /api/v1/campaigns"),
								() -> RawHttp.post(campaignUrl + "/api/v1/campaigns")
									.as(ACME)
									.json("{\"name\": \"Too many\", \"body\": \"Hi\", \"recipients\": " + recipients
											+ "}")
									.send(),
								400)
							.field("recipients"),
						new HttpCase("oversized", "a 3 MB callback form (over Tomcat's 2 MB form limit)",
								status("POST /webhooks/carrier/status"),
								() -> RawHttp.post(statusUrl + "/webhooks/carrier/status?messageId=m&accountId=acme")
									.header(TwilioSignature.HEADER, "bm9wZQ==")
									.form(Map.of("MessageSid", "SM1", "MessageStatus", "delivered", "Padding",
											"p".repeat(3_000_000)))
									.send(),
								413)));
	}

	@TestFactory
	@Order(5)
	Stream<DynamicTest> ignoresUnknownFields() {
		return dynamicTests(Stream
			.of(new HttpCase("unknown fields", "an unknown field in a text request", campaign("POST /api/v1/messages"),
					() -> RawHttp.post(campaignUrl + "/api/v1/messages")
						.as(ACME)
						.json("{\"recipient\": \"+14155580008\", \"body\": \"Unknown field\", \"colour\": \"red\"}")
						.send(),
					202)
				.then((response) -> {
					assertThat(response.body()).doesNotContain("colour");
					goodTraffic.put(response.json("$.messageId"), ACME);
				}), new HttpCase("unknown fields", "unknown fields in a campaign and its recipients",
						campaign("POST /api/v1/campaigns"),
						() -> RawHttp.post(campaignUrl + "/api/v1/campaigns")
							.as(ACME)
							.json("{\"name\": \"Extra\", \"body\": \"Hi\", \"priority\": \"urgent\", "
									+ "\"recipients\": [{\"phone\": \"+14155580009\", \"nickname\": \"Bo\"}]}")
							.send(),
						201)
					.then((response) -> assertThat(response.body()).doesNotContain("priority", "nickname")),
					new HttpCase("unknown fields", "an unknown field in a merge patch",
							campaign("PATCH /api/v1/campaigns/{id}"),
							() -> RawHttp.patch(campaignUrl + "/api/v1/campaigns/" + acmeDraft)
								.as(ACME)
								.body("application/merge-patch+json", "{\"nmae\": \"typo\"}")
								.send(),
							200)
						.then((response) -> assertThat(response.<String>json("$.name")).isEqualTo("Acme draft"))));
	}

	@TestFactory
	@Order(6)
	Stream<DynamicTest> answersAWrongContentTypeWith415() {
		return dynamicTests(Stream.of(
				contentTypeCase("text/plain", "POST /api/v1/messages", "/api/v1/messages",
						"{\"recipient\": \"+14155580010\", \"body\": \"x\"}"),
				contentTypeCase("a form", "POST /api/v1/messages", "/api/v1/messages",
						"recipient=%2B14155580010&body=x", "application/x-www-form-urlencoded"),
				contentTypeCase("application/xml", "POST /api/v1/campaigns", "/api/v1/campaigns",
						"<campaign><name>x</name></campaign>", "application/xml"),
				contentTypeCase("JSON to the CSV upload", "POST /api/v1/campaigns/{id}/audience",
						"/api/v1/campaigns/" + acmeDraft + "/audience", "{\"phone\": \"+14155580010\"}",
						"application/json"),
				new HttpCase("content type", "text/plain merge patch", campaign("PATCH /api/v1/campaigns/{id}"),
						() -> RawHttp.patch(campaignUrl + "/api/v1/campaigns/" + acmeDraft)
							.as(ACME)
							.body("text/plain", "{\"name\": \"x\"}")
							.send(),
						415)));
	}

	@TestFactory
	@Order(7)
	Stream<DynamicTest> rejectsInvalidAndForeignNumbersWithTheirReasonCode() {
		return dynamicTests(Stream.of(rejectedNumberCase("a two-digit number", "12", "INVALID_NUMBER"),
				rejectedNumberCase("words", "call me maybe", "INVALID_NUMBER"),
				rejectedNumberCase("a French mobile (allowed: US, CA)", "+33612345678", "UNSUPPORTED_COUNTRY"),
				rejectedNumberCase("a UK mobile (allowed: US, CA)", "+447911123456", "UNSUPPORTED_COUNTRY"),
				new HttpCase("numbers", "opt-out of a number that is none", campaign("PUT /api/v1/opt-outs/{e164}"),
						() -> RawHttp.put(campaignUrl + "/api/v1/opt-outs/not-a-number").as(ACME).send(), 400)
					.field("e164"),
				new HttpCase("numbers", "texts of a recipient that is no number",
						status("GET /api/v1/recipients/{e164}/messages"),
						() -> RawHttp.get(statusUrl + "/api/v1/recipients/garbage/messages").as(ACME).send(), 400)
					.field("e164"),
				new HttpCase("numbers", "a campaign with an invalid and a foreign number (kept, they end REJECTED)",
						campaign("POST /api/v1/campaigns"),
						() -> RawHttp.post(campaignUrl + "/api/v1/campaigns")
							.as(ACME)
							.json("{\"name\": \"Mixed\", \"body\": \"Hi\", \"recipients\": [{\"phone\": \"+14155580011\"}, "
									+ "{\"phone\": \"12\"}, {\"phone\": \"+33612345678\"}]}")
							.send(),
						201)
					.then((response) -> assertThat(response.<Integer>json("$.audience.recipients")).isEqualTo(3))));
	}

	@TestFactory
	@Order(8)
	Stream<DynamicTest> reportsBrokenCsvRowsByLineAndKeepsTheGoodOnes() {
		String broken = String.join("\n", "phone,timezone,firstName", "+14155581001,,Ada", "+14155581002,,Bob,extra",
				",,NoPhone", "+14155581003,Mars/Base,Cy", "+14155581004,,\"Dee\"x", "+14155581005,,Ev\0e", "12,,Tiny",
				"+33612345678,,Fr", "+14155581006,,Fay", "+14155581007,,\"unclosed");
		String longRow = "phone,firstName\n+14155581011,Ok\n+14155581012," + "x".repeat(70_000) + "\n+14155581013,Ok\n";
		StringBuilder huge = new StringBuilder("phone,timezone,firstName\n");
		for (int i = 0; i < 20_000; i++) {
			huge.append(String.format("+1415%03d%04d,America/Los_Angeles,Lead%d\n", 560 + i / 10_000, i % 10_000, i));
		}
		return dynamicTests(Stream
			.of(csvCase("six broken rows among good, invalid and foreign ones", broken, 200).then((response) -> {
				assertThat(response.<Integer>json("$.rows")).isEqualTo(10);
				assertThat(response.<Integer>json("$.added")).isEqualTo(4);
				assertThat(response.<Integer>json("$.invalidNumbers")).isEqualTo(2);
				assertThat(response.<Integer>json("$.brokenRows")).isEqualTo(6);
				assertThat(response.<List<Integer>>json("$.errors[*].line")).containsExactly(3, 4, 5, 6, 7, 11);
			}), csvCase("a 70,000-character row (limit 65,536)", longRow, 200).then((response) -> {
				assertThat(response.<Integer>json("$.added")).isEqualTo(2);
				assertThat(response.<List<Integer>>json("$.errors[*].line")).containsExactly(3);
				assertThat(response.<String>json("$.errors[0].reason")).contains("longer than 65536");
			}), csvCase("20,000 rows, streamed (no row or byte cap)", huge.toString(), 200).then((response) -> {
				assertThat(response.<Integer>json("$.rows")).isEqualTo(20_000);
				assertThat(response.<Integer>json("$.brokenRows")).isZero();
			}), csvCase("an empty file", "", 400).field("body"),
					csvCase("a header without a phone column", "name,email\nAda,ada@example.com\n", 400)
						.field("line 1"),
					csvCase("binary garbage (not UTF-8)",
							new byte[] { (byte) 0xff, (byte) 0xfe, 0x01, 'g', 'a', 'r', 'b', 'a', 'g', 'e', 0x02, '\n',
									(byte) 0x80, ',', (byte) 0x81, '\n' },
							400)
						.field("line 1"),
					csvCase("NUL in the header (was a 500)", "phone,first\0name\n+14155581021,Ada\n", 400)
						.field("line 1")));
	}

	@TestFactory
	@Order(9)
	Stream<DynamicTest> refusesUnsignedAndForgedCallbacksAndTakesReplaysIdempotently() {
		String messageId = acmeText;
		ApiResponse delivered = awaitStatus(ACME, messageId, "DELIVERED");
		String sid = delivered.json("$.carrierMessageId");
		String url = statusUrl + "/webhooks/carrier/status?messageId=" + messageId + "&accountId=" + ACME.id();
		Map<String, String> deliveredForm = callback(sid, "delivered");
		TwilioSignature carrier = new TwilioSignature(pipeline.carrier().authToken());
		return dynamicTests(Stream.of(callbackCase("no X-Twilio-Signature", url, deliveredForm, null, 403),
				callbackCase("a signature that does not match", url, deliveredForm, "bm90IGEgc2lnbmF0dXJl", 403),
				callbackCase("signed with another auth token", url, deliveredForm,
						new TwilioSignature("0123456789abcdef0123456789abcdef").sign(url, deliveredForm), 403),
				callbackCase("signed for another message (query tampered)", url.replace(messageId, globex.messageId()),
						deliveredForm, carrier.sign(url, deliveredForm), 403),
				callbackCase("signed, but for another carrier account", url,
						with(deliveredForm, "AccountSid", "AC" + "0".repeat(32)),
						carrier.sign(url, with(deliveredForm, "AccountSid", "AC" + "0".repeat(32))), 403),
				callbackCase("signed, without MessageStatus", url, without(deliveredForm, "MessageStatus"),
						carrier.sign(url, without(deliveredForm, "MessageStatus")), 400)
					.field("MessageStatus"),
				new HttpCase("callbacks", "signed, with a JSON body", status("POST /webhooks/carrier/status"),
						() -> RawHttp.post(url)
							.header(TwilioSignature.HEADER, carrier.sign(url, Map.of()))
							.json("{\"MessageStatus\": \"delivered\"}")
							.send(),
						415),
				new HttpCase("callbacks", "an inbound STOP without a signature",
						status("POST /webhooks/carrier/inbound"),
						() -> RawHttp.post(statusUrl + "/webhooks/carrier/inbound")
							.form(Map.of("From", globex.texted(), "To", "+15005550006", "Body", "STOP"))
							.send(),
						403),
				new HttpCase("callbacks", "an inbound STOP with a forged signature",
						status("POST /webhooks/carrier/inbound"),
						() -> RawHttp.post(statusUrl + "/webhooks/carrier/inbound")
							.header(TwilioSignature.HEADER, "Zm9yZ2Vk")
							.form(Map.of("From", globex.texted(), "To", "+15005550006", "Body", "STOP"))
							.send(),
						403),
				callbackCase("the signed DELIVERED callback replayed", url, deliveredForm,
						carrier.sign(url, deliveredForm), 204),
				callbackCase("the signed DELIVERED callback replayed again", url, deliveredForm,
						carrier.sign(url, deliveredForm), 204)
					.then((response) -> Awaitility.await()
						.during(Duration.ofSeconds(1))
						.atMost(Duration.ofSeconds(5))
						.untilAsserted(
								() -> assertThat(historyOf(messageId, "DELIVERED")).as("one DELIVERED in the history")
									.isEqualTo(1))),
				callbackCase("an earlier SENT callback replayed after DELIVERED", url, callback(sid, "sent"),
						carrier.sign(url, callback(sid, "sent")), 204)
					.then((response) -> Awaitility.await()
						.during(Duration.ofSeconds(1))
						.atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> {
							ApiResponse message = pipeline.statusApi(ACME).get("/api/v1/messages/" + messageId);
							assertThat(message.<String>json("$.status")).isEqualTo("DELIVERED");
							assertThat(historyOf(messageId, "SENT")).isEqualTo(1);
						}))));
	}

	@TestFactory
	@Order(10)
	Stream<DynamicTest> answersMalformedQueryParametersWith400() {
		return dynamicTests(
				Stream.of(
						queryCase("a status that is none", status("GET /api/v1/messages?status=bogus"),
								statusUrl + "/api/v1/messages?status=bogus", "status"),
						queryCase("minFailed that is no number", status("GET /api/v1/recipients?minFailed=abc"),
								statusUrl + "/api/v1/recipients?minFailed=abc", "minFailed"),
						queryCase("createdFrom that is no instant", status(
								"GET /api/v1/messages?createdFrom=yesterday"),
								statusUrl + "/api/v1/messages?status=error&createdFrom=yesterday", "createdFrom"),
						queryCase("a cursor this API never gave out", status("GET /api/v1/recipients?cursor=abc"),
								statusUrl + "/api/v1/recipients?minFailed=1&cursor=abc", "cursor"),
						queryCase("limit 100,000", campaign("GET /api/v1/campaigns?limit=100000"),
								campaignUrl + "/api/v1/campaigns?limit=100000", "limit"),
						queryCase("a campaign status that is none", campaign("GET /api/v1/campaigns?status=bogus"),
								campaignUrl + "/api/v1/campaigns?status=bogus", "status"),
						new HttpCase("query", "a query that is no valid URL encoding",
								status("GET /api/v1/recipients?cursor=%%%"), () -> RawHttp
									.unencodedGet(pipeline.status(), "/api/v1/recipients?minFailed=1&cursor=%%%", ACME),
								400)));
	}

	@Test
	@Order(20)
	void deliversTheGoodTrafficSentAroundTheBadAndTextsNothingAnIntruderAsked() {
		goodTraffic.put(send(ACME, "+14155580012", "Good text after the storm"), ACME);
		goodTraffic.put(send(GLOBEX, "+14155580013", "Globex good text after"), GLOBEX);
		goodTraffic.forEach((messageId, account) -> awaitStatus(account, messageId, "DELIVERED"));
		ApiResponse globexCampaign = pipeline.campaignApi(GLOBEX).get("/api/v1/campaigns/" + globex.campaignId());
		assertThat(globexCampaign.<String>json("$.name")).as("GLOBEX's campaign untouched").isEqualTo(Globex.NAME);
		assertThat(globexCampaign.<String>json("$.status")).isIn("SENDING", "SENT", "DONE");
		assertThat(globexCampaign.<Integer>json("$.audience.recipients")).isEqualTo(1);
		assertThat(pipeline.carrier().receivedMessages()).extracting((received) -> received.to())
			.doesNotContainAnyElementsOf(neverTexted);
		assertThat(pipeline.campaignApi(ACME).get("/api/v1/campaigns?limit=100").body()).doesNotContain("Intruder");
	}

	@Test
	@Order(30)
	void leavesEveryServiceUpWithoutARestartOrAnErrorTrace() {
		pipeline.assertEveryServiceUpWithoutRestart();
		for (ServiceProcess service : pipeline.services()) {
			// What the container refuses (an undecodable query, an oversized form or
			// header)
			// is answered as problem+json by the platform and logged at WARN at most.
			List<String> errors = service.errorLinesSince(logLinesAtStart.get(service.name()));
			report.record("health", service.name() + " log", "log output during the cases", "no ERROR line",
					errors.isEmpty() ? "none" : errors.size() + " ERROR line(s): " + errors.get(0));
			assertThat(errors).as(service.name() + " logged errors for bad input").isEmpty();
		}
	}

	// --- the cases

	private static HttpCase authCase(String name, String entryPoint, Supplier<ApiResponse> call) {
		return new HttpCase("auth", name, entryPoint, call, 401)
			.then((response) -> assertThat(response.body()).doesNotContain(globex.secrets()));
	}

	private static HttpCase intruderCase(String name, String entryPoint, Supplier<ApiResponse> call, int status) {
		return new HttpCase("intruder", "ACME's key at " + name, entryPoint, call, status)
			.then((response) -> assertThat(response.body()).doesNotContain(globex.secrets()));
	}

	private static void namesNoGlobexId(ApiResponse response) {
		assertThat(response.body()).doesNotContain(globex.campaignId(), globex.messageId(), globex.recipient(),
				globex.texted());
	}

	private static HttpCase bodyCase(String name, String entryPoint, String json, String field) {
		return bodyCase("malformed body", name, entryPoint, json, field);
	}

	private static HttpCase bodyCase(String category, String name, String entryPoint, String json, String field) {
		String path = entryPoint.substring(entryPoint.indexOf(' ') + 1);
		return new HttpCase(category, name, campaign(entryPoint),
				() -> RawHttp.post(campaignUrl + path).as(ACME).json(json).send(), 400)
			.field(field);
	}

	private static HttpCase contentTypeCase(String name, String entryPoint, String path, String body) {
		return contentTypeCase(name, entryPoint, path, body, "text/plain");
	}

	private static HttpCase contentTypeCase(String name, String entryPoint, String path, String body,
			String contentType) {
		return new HttpCase("content type", name, campaign(entryPoint),
				() -> RawHttp.post(campaignUrl + path).as(ACME).body(contentType, body).send(), 415);
	}

	private static HttpCase rejectedNumberCase(String name, String number, String reasonCode) {
		neverTexted.add(number);
		return new HttpCase("numbers", name + " as recipient", campaign("POST /api/v1/messages"),
				() -> RawHttp.post(campaignUrl + "/api/v1/messages")
					.as(ACME)
					.json("{\"recipient\": \"" + number + "\", \"body\": \"Hello\"}")
					.send(),
				202)
			.then((response) -> {
				assertThat(response.<String>json("$.status")).isEqualTo("REJECTED");
				assertThat(response.<String>json("$.reasonCode")).isEqualTo(reasonCode);
				ApiResponse stored = awaitStatus(ACME, response.json("$.messageId"), "REJECTED");
				assertThat(stored.<String>json("$.reasonCode")).isEqualTo(reasonCode);
			});
	}

	private static HttpCase csvCase(String name, String csv, int status) {
		return csvCase(name, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), status);
	}

	private static HttpCase csvCase(String name, byte[] csv, int status) {
		return new HttpCase("csv", name, campaign("POST /api/v1/campaigns/{id}/audience"), () -> {
			String draft = pipeline.campaignApi(ACME)
				.postJson("/api/v1/campaigns", "{\"name\": \"CSV\", \"body\": \"Hi {{firstName}}\"}")
				.json("$.id");
			return RawHttp.post(campaignUrl + "/api/v1/campaigns/" + draft + "/audience")
				.as(ACME)
				.body("text/csv", csv)
				.send();
		}, status);
	}

	private static HttpCase callbackCase(String name, String url, Map<String, String> form, String signature,
			int status) {
		return new HttpCase("callbacks", name, status("POST /webhooks/carrier/status"), () -> {
			RawHttp request = RawHttp.post(url);
			if (signature != null) {
				request.header(TwilioSignature.HEADER, signature);
			}
			return request.form(form).send();
		}, status);
	}

	private static HttpCase queryCase(String name, String entryPoint, String url, String field) {
		return new HttpCase("query", name, entryPoint, () -> RawHttp.get(url).as(ACME).send(), 400).field(field);
	}

	// --- helpers

	private static Stream<DynamicTest> dynamicTests(Stream<HttpCase> cases) {
		return cases
			.map((httpCase) -> DynamicTest.dynamicTest(httpCase.name + " → " + httpCase.expectedStatus, httpCase::run));
	}

	private static String campaign(String entryPoint) {
		return "campaign-service " + entryPoint;
	}

	private static String status(String entryPoint) {
		return "status-service " + entryPoint;
	}

	private static String send(TestAccount account, String recipient, String body) {
		ApiResponse response = pipeline.campaignApi(account)
			.postJson("/api/v1/messages", "{\"recipient\": \"" + recipient + "\", \"body\": \"" + body + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		return response.json("$.messageId");
	}

	static ApiResponse awaitStatus(TestAccount account, String messageId, String status) {
		ApiClient api = pipeline.statusApi(account);
		return Awaitility.await(messageId + " " + status)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> api.get("/api/v1/messages/" + messageId),
					(response) -> response.status() == 200 && status.equals(response.json("$.status")));
	}

	private static int historyOf(String messageId, String status) {
		ApiResponse message = pipeline.statusApi(ACME).get("/api/v1/messages/" + messageId);
		return message.<List<String>>json("$.history[?(@.source == 'CARRIER_CALLBACK')].status")
			.stream()
			.filter(status::equals)
			.toList()
			.size();
	}

	private static Map<String, String> callback(String sid, String carrierStatus) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("MessageSid", sid);
		form.put("MessageStatus", carrierStatus);
		form.put("AccountSid", pipeline.carrier().accountSid());
		form.put("To", "+14155580001");
		form.put("From", "+15005550006");
		return form;
	}

	private static Map<String, String> with(Map<String, String> form, String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(form);
		copy.put(name, value);
		return copy;
	}

	private static Map<String, String> without(Map<String, String> form, String name) {
		Map<String, String> copy = new LinkedHashMap<>(form);
		copy.remove(name);
		return copy;
	}

	/**
	 * Rotates INITECH's key through the admin API, as an operator would after a leak: a
	 * new key is issued and the configured one revoked on campaign-service, and within
	 * five seconds both API services, which learn accounts from {@code sms.accounts},
	 * take the new key and refuse the old one, with no restart.
	 */
	private static void revokeInitechsKey() {
		assertThat(RawHttp.get(campaignUrl + "/api/v1/campaigns").as(Pipeline.INITECH).send().status()).isEqualTo(200);
		assertThat(RawHttp.get(statusUrl + "/api/v1/campaigns").as(Pipeline.INITECH).send().status()).isEqualTo(200);
		String accountUrl = campaignUrl + "/admin/v1/accounts/" + Pipeline.INITECH.id();
		ApiResponse issued = RawHttp.post(accountUrl + "/keys")
			.as(TestAccount.OPERATOR)
			.json("{\"name\": \"rotated\"}")
			.send();
		assertThat(issued.status()).isEqualTo(201);
		TestAccount rotated = new TestAccount(Pipeline.INITECH.id(), issued.json("$.apiKey"));
		assertThat(RawHttp.delete(accountUrl + "/keys/bootstrap").as(TestAccount.OPERATOR).send().status())
			.isEqualTo(204);
		Awaitility.await("the rotation reaches both API services")
			.atMost(Duration.ofSeconds(5))
			.until(() -> RawHttp.get(campaignUrl + "/api/v1/campaigns").as(rotated).send().status() == 200
					&& RawHttp.get(statusUrl + "/api/v1/campaigns").as(rotated).send().status() == 200
					&& RawHttp.get(campaignUrl + "/api/v1/campaigns").as(Pipeline.INITECH).send().status() == 401
					&& RawHttp.get(statusUrl + "/api/v1/campaigns").as(Pipeline.INITECH).send().status() == 401);
	}

	/** One hostile call and what it must be answered. */
	private static final class HttpCase {

		private final String category;

		private final String name;

		private final String entryPoint;

		private final Supplier<ApiResponse> call;

		private final int expectedStatus;

		private final boolean problem;

		private String field;

		private Consumer<ApiResponse> check = (response) -> {
		};

		HttpCase(String category, String name, String entryPoint, Supplier<ApiResponse> call, int expectedStatus) {
			this.category = category;
			this.name = name;
			this.entryPoint = entryPoint;
			this.call = call;
			this.expectedStatus = expectedStatus;
			this.problem = expectedStatus >= 400;
		}

		/** The answer names this field in its {@code errors}. */
		HttpCase field(String field) {
			this.field = field;
			return this;
		}

		HttpCase then(Consumer<ApiResponse> check) {
			this.check = this.check.andThen(check);
			return this;
		}

		void run() {
			ApiResponse response = this.call.get();
			String detail = describe(response);
			report.record(this.category, this.name, this.entryPoint, expected(), detail);
			assertThat(response.status()).as(this.name + ": " + detail).isEqualTo(this.expectedStatus);
			assertThat(response.status()).as("never a 5xx").isLessThan(500);
			if (this.problem) {
				assertThat(response.contentType()).as(detail).startsWith("application/problem+json");
				assertThat(response.<Integer>json("$.status")).isEqualTo(this.expectedStatus);
				assertThat(response.<String>json("$.detail")).isNotBlank();
			}
			if (this.field != null) {
				assertThat(response.<List<String>>json("$.errors[*].field")).as(detail).contains(this.field);
			}
			this.check.accept(response);
		}

		private String expected() {
			return this.expectedStatus + (this.problem ? " problem+json" : "")
					+ ((this.field != null) ? " naming " + this.field : "");
		}

		private static String describe(ApiResponse response) {
			String type = response.contentType().replace(";charset=UTF-8", "");
			String summary = response.body();
			if (type.startsWith("application/problem+json")) {
				try {
					summary = response.json("$.detail");
				}
				catch (RuntimeException ex) {
					// not JSON after all: keep the body
				}
			}
			summary = (summary.length() > 100) ? summary.substring(0, 97) + "..." : summary;
			return response.status() + " " + type + ((summary.isEmpty()) ? "" : ": " + summary);
		}

	}

	/**
	 * GLOBEX's campaign, text, recipients and opt-out, made through its own key before
	 * the intruder starts.
	 */
	private record Globex(String campaignId, String messageId, String recipient, String texted, String optedOut,
			String carrierSid) {

		static final String NAME = "Globex secret launch";

		static Globex create(Pipeline pipeline) {
			ApiClient campaigns = pipeline.campaignApi(GLOBEX);
			ApiResponse campaign = campaigns.postJson("/api/v1/campaigns", """
					{"name": "%s", "body": "Globex confidential offer for {{firstName}}",
					 "quietHours": {"enabled": false},
					 "recipients": [{"phone": "+14155589001", "attributes": {"firstName": "Wile"}}]}"""
				.formatted(NAME));
			assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
			String campaignId = campaign.json("$.id");
			ApiResponse activated = campaigns.postJson("/api/v1/campaigns/" + campaignId + "/activate", "");
			assertThat(activated.status()).as(activated.body()).isEqualTo(200);
			String messageId = send(GLOBEX, "+14155589002", "Globex private note");
			assertThat(RawHttp.put(pipeline.campaign().baseUrl() + "/api/v1/opt-outs/+14155589003")
				.as(GLOBEX)
				.send()
				.status()).isEqualTo(200);
			ApiResponse delivered = awaitStatus(GLOBEX, messageId, "DELIVERED");
			Awaitility.await("GLOBEX's campaign is in status-service")
				.atMost(Duration.ofSeconds(30))
				.until(() -> pipeline.statusApi(GLOBEX)
					.get("/api/v1/campaigns/" + campaignId + "/stats")
					.status() == 200);
			return new Globex(campaignId, messageId, "+14155589001", "+14155589002", "+14155589003",
					delivered.json("$.carrierMessageId"));
		}

		/** What would give GLOBEX's data away in an answer to anyone else. */
		String[] secrets() {
			return new String[] { NAME, "Globex confidential", "Wile", "Globex private note", this.carrierSid,
					"\"globex\"" };
		}

	}

}
