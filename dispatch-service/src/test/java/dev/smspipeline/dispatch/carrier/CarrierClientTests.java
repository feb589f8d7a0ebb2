package dev.smspipeline.dispatch.carrier;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The carrier client against a tiny JDK HTTP server that answers like Twilio.
 */
class CarrierClientTests {

	private static final String SID = "AC0123456789abcdef0123456789abcdef";

	private static final String TOKEN = "secret-token";

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile Answer answer = new Answer(201, Map.of(), "{\"sid\": \"SM0001\", \"status\": \"queued\"}");

	private HttpServer server;

	private CarrierClient client;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
			Answer current = this.answer;
			if (current.hang()) {
				await(this.release);
			}
			if (current.status() == 0) {
				// read the request, then drop the connection without an answer
				exchange.close();
				return;
			}
			current.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			byte[] bytes = current.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(current.status(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
		this.client = new CarrierClient(settings(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()),
				URI.create("https://status.example.com/webhooks/carrier/status")));
	}

	@AfterEach
	void stopServer() {
		this.release.countDown();
		this.server.stop(0);
	}

	@Test
	void answersAcceptedWithTheCarriersSid() {
		this.answer = new Answer(201, Map.of(), "{\"sid\": \"SM0123\", \"status\": \"queued\"}");

		assertThat(this.client.submit(text())).isEqualTo(new CarrierAnswer.Accepted("SM0123"));
	}

	@Test
	void holdsTheRecipientForTheRetryAfterOfAn429() {
		this.answer = new Answer(429, Map.of("Retry-After", "3"),
				"{\"code\": 20429, \"message\": \"To number rate limit exceeded, please wait 3 seconds\", \"status\": 429}");

		assertThat(this.client.submit(text())).isEqualTo(
				new CarrierAnswer.RateLimited(Duration.ofSeconds(3), CarrierAnswer.HoldScope.RECIPIENT, "20429"));
	}

	@Test
	void readsTheWaitFromTheMessageWhenAn429HasNoRetryAfter() {
		this.answer = new Answer(429, Map.of(),
				"{\"code\": 20429, \"message\": \"To number rate limit exceeded, please wait 20 seconds\"}");

		assertThat(this.client.submit(text())).isEqualTo(
				new CarrierAnswer.RateLimited(Duration.ofSeconds(20), CarrierAnswer.HoldScope.RECIPIENT, "20429"));
	}

	@Test
	void namesNoWaitWhenAn429SaysNothingOfOne() {
		this.answer = new Answer(429, Map.of(), "{\"code\": 20429, \"message\": \"Too Many Requests\"}");

		assertThat(this.client.submit(text()))
			.isEqualTo(new CarrierAnswer.RateLimited(null, CarrierAnswer.HoldScope.RECIPIENT, "20429"));
	}

	@Test
	void holdsThePairForTwilioCode14107WhateverTheStatus() {
		this.answer = new Answer(400, Map.of("Retry-After", "2"),
				"{\"code\": 14107, \"message\": \"SMS send rate limit exceeded\", \"status\": 400}");

		assertThat(this.client.submit(text()))
			.isEqualTo(new CarrierAnswer.RateLimited(Duration.ofSeconds(2), CarrierAnswer.HoldScope.PAIR, "14107"));
	}

	@Test
	void holdsThePairForTheSecondsA14107Names() {
		this.answer = new Answer(400, Map.of(),
				"{\"code\": 14107, \"message\": \"Message rate limit exceeded, please retry after 30 seconds\"}");

		assertThat(this.client.submit(text()))
			.isEqualTo(new CarrierAnswer.RateLimited(Duration.ofSeconds(30), CarrierAnswer.HoldScope.PAIR, "14107"));
	}

	@Test
	void failsAnUnsubscribedRecipientForGood() {
		this.answer = new Answer(400, Map.of(),
				"{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", \"status\": 400}");

		assertThat(this.client.submit(text()))
			.isEqualTo(new CarrierAnswer.Refused("21610", "Attempt to send to unsubscribed recipient"));
	}

	@Test
	void answersRefusedWithTheCarriersCodeAndMessageForALandline() {
		this.answer = new Answer(400, Map.of(),
				"{\"code\": 21614, \"message\": \"'To' number is not a valid mobile number\", \"status\": 400}");

		assertThat(this.client.submit(text()))
			.isEqualTo(new CarrierAnswer.Refused("21614", "'To' number is not a valid mobile number"));
	}

	@Test
	void answersRefusedWithTheHttpStatusWhenTheBodyIsNotTwilios() {
		this.answer = new Answer(404, Map.of(), "<html>Not Found</html>");

		assertThat(this.client.submit(text())).isEqualTo(new CarrierAnswer.Refused("HTTP 404", "HTTP 404"));
	}

	@Test
	void answersTransientForAServerError() {
		this.answer = new Answer(500, Map.of(),
				"{\"code\": 20500, \"message\": \"An internal server error has occurred\", \"status\": 500}");

		assertThat(this.client.submit(text())).isInstanceOfSatisfying(CarrierAnswer.Transient.class, (failure) -> {
			assertThat(failure.reason()).contains("500").contains("20500");
			// the carrier answered, and not with a message: it did not take the text
			assertThat(failure.maybeTaken()).isFalse();
		});
	}

	@Test
	void answersTransientForRefusedCredentialsRatherThanFailingTheText() {
		this.answer = new Answer(401, Map.of(), "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}");

		assertThat(this.client.submit(text()))
			.isEqualTo(CarrierAnswer.Transient.notTaken("HTTP 401, code 20003: Authenticate"));
	}

	@Test
	void answersTransientForAnAcceptWithoutASidWhichTheCarrierMayHaveTaken() {
		this.answer = new Answer(201, Map.of(), "{}");

		assertThat(this.client.submit(text())).isInstanceOfSatisfying(CarrierAnswer.Transient.class,
				(failure) -> assertThat(failure.maybeTaken()).isTrue());
	}

	@Test
	void answersTransientWhenTheCarrierCannotBeReached() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		CarrierClient unreachable = new CarrierClient(settings(URI.create("http://127.0.0.1:" + closedPort), null));

		assertThat(unreachable.submit(text())).isInstanceOfSatisfying(CarrierAnswer.Transient.class, (failure) -> {
			assertThat(failure.reason()).startsWith("cannot reach the carrier");
			// the request never left: the carrier cannot have the text
			assertThat(failure.maybeTaken()).isFalse();
		});
	}

	@Test
	void answersTransientWhenTheCarrierDoesNotAnswerInTime() {
		this.answer = new Answer(201, Map.of(), "{\"sid\": \"SM0001\"}", true);

		assertThat(this.client.submit(text())).isInstanceOfSatisfying(CarrierAnswer.Transient.class, (failure) -> {
			assertThat(failure.reason()).startsWith("no answer from the carrier within");
			// the carrier got the request and may have taken the text
			assertThat(failure.maybeTaken()).isTrue();
		});
		assertThat(this.received).hasSize(1);
	}

	@Test
	void answersMaybeTakenWhenTheConnectionDropsAfterTheRequestWasSent() {
		this.answer = new Answer(0, Map.of(), "", false);

		assertThat(this.client.submit(text())).isInstanceOfSatisfying(CarrierAnswer.Transient.class, (failure) -> {
			assertThat(failure.reason()).startsWith("connection to the carrier lost after the request was sent");
			assertThat(failure.maybeTaken()).isTrue();
		});
		assertThat(this.received).hasSize(1);
	}

	@Test
	void postsTwiliosCreateMessageFormWithBasicAuth() {
		this.client.submit(text());

		Received request = this.received.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
		assertThat(request.headers().getFirst("Authorization")).isEqualTo(
				"Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
		assertThat(request.headers().getFirst("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.form()).containsEntry("To", "+14155550100")
			.containsEntry("From", "+15005550006")
			.containsEntry("Body", "Hello & welcome, 100% sure?");
	}

	@Test
	void sendsTheMessageIdAsTheIdempotencyToken() {
		this.client.submit(text());

		assertThat(this.received.get(0).headers().getFirst(CarrierClient.IDEMPOTENCY_HEADER)).isEqualTo("msg-1");
	}

	@Test
	void asksForStatusCallbacksCarryingTheMessageAndAccountIds() {
		this.client.submit(text());

		assertThat(this.received.get(0).form()).containsEntry("StatusCallback",
				"https://status.example.com/webhooks/carrier/status?messageId=msg-1&accountId=acme+corp");
	}

	@Test
	void keepsTheQueryOfTheConfiguredStatusCallbackUrl() {
		CarrierClient client = new CarrierClient(
				settings(URI.create("http://127.0.0.1:1"), URI.create("https://status.example.com/cb?region=eu")));

		assertThat(client.statusCallback(text()))
			.isEqualTo("https://status.example.com/cb?region=eu&messageId=msg-1&accountId=acme+corp");
	}

	@Test
	void leavesFromOutWhenTheTextNamesNoSender() {
		this.client.submit(new OutboundText("msg-2", "acme", "+14155550100", null, "Hi"));

		assertThat(this.received.get(0).form()).doesNotContainKey("From");
	}

	@Test
	void readsARetryAfterGivenAsAnHttpDate() {
		Instant now = Instant.parse("2025-01-01T12:00:00Z");

		CarrierAnswer answer = CarrierClient.classify(429, Optional.of("Wed, 01 Jan 2025 12:00:20 GMT"), "", now);

		assertThat(answer).isEqualTo(
				new CarrierAnswer.RateLimited(Duration.ofSeconds(20), CarrierAnswer.HoldScope.RECIPIENT, "HTTP 429"));
	}

	private static OutboundText text() {
		return new OutboundText("msg-1", "acme corp", "+14155550100", "+15005550006", "Hello & welcome, 100% sure?");
	}

	private static CarrierSettings settings(URI baseUrl, URI statusCallbackUrl) {
		return new CarrierSettings(baseUrl, SID, TOKEN, statusCallbackUrl, Duration.ofSeconds(1),
				Duration.ofMillis(300), 4);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Answer(int status, Map<String, String> headers, String body, boolean hang) {

		Answer(int status, Map<String, String> headers, String body) {
			this(status, headers, body, false);
		}

	}

	private record Received(String method, String path, Headers headers, String body) {

		Map<String, String> form() {
			Map<String, String> form = new LinkedHashMap<>();
			for (String pair : this.body.split("&")) {
				int equals = pair.indexOf('=');
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
			return form;
		}

	}

}
