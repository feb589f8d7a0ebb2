package dev.smspipeline.dispatch.carrier;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Twilio's create-message call, {@code POST
 * {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json}, on one shared
 * {@link HttpClient} (HTTP/1.1, connections kept alive and reused).
 *
 * <p>
 * Every call carries the message id as {@value #IDEMPOTENCY_HEADER}, so a retried create,
 * whether retried here or after a redelivery, gets the first answer again instead of a
 * second text. A {@link Semaphore} bounds the calls in flight. The answer is classified
 * into a {@link CarrierAnswer}; carrier and network failures are answers, never
 * exceptions.
 */
@Component
public class CarrierClient implements Carrier {

	/** Twilio's idempotency header: a repeat of the token gets the first answer again. */
	public static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

	/**
	 * Twilio's codes for "too many requests" (20429) and "send rate exceeded" (14107).
	 */
	static final Set<Integer> RATE_LIMIT_CODES = Set.of(20429, 14107);

	/** How long to hold a number when a rate-limit answer names no Retry-After. */
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(CarrierClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CarrierSettings settings;

	private final HttpClient http;

	private final URI messagesUri;

	private final String authorization;

	private final Semaphore inFlight;

	public CarrierClient(CarrierSettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = settings.baseUrl().toString().replaceAll("/+$", "");
		this.messagesUri = URI
			.create(base + "/2010-04-01/Accounts/" + encode(settings.accountSid()) + "/Messages.json");
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
		this.inFlight = new Semaphore(settings.maxInFlight(), true);
	}

	@Override
	public CarrierAnswer submit(OutboundText text) {
		HttpRequest request = request(text);
		try {
			if (!this.inFlight.tryAcquire(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				return new CarrierAnswer.Transient("no free slot among " + this.settings.maxInFlight()
						+ " carrier calls in flight within " + this.settings.requestTimeout());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new CarrierAnswer.Transient("interrupted while waiting for a carrier call slot");
		}
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			CarrierAnswer answer = classify(response.statusCode(), response.headers().firstValue("Retry-After"),
					response.body(), Instant.now());
			log.debug("Carrier answered HTTP {} for message {}: {}", response.statusCode(), text.messageId(), answer);
			return answer;
		}
		catch (HttpTimeoutException ex) {
			return new CarrierAnswer.Transient("no answer from the carrier within " + timeoutOf(ex));
		}
		catch (IOException ex) {
			return new CarrierAnswer.Transient("cannot reach the carrier: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new CarrierAnswer.Transient("interrupted while waiting for the carrier");
		}
		finally {
			this.inFlight.release();
		}
	}

	/**
	 * The status callback URL for a text: the configured URL with {@code messageId} and
	 * {@code accountId} added to its query. The carrier signs the whole URL, so
	 * status-service can trust both.
	 * @param text the text
	 * @return the URL, or {@code null} when no callback URL is configured
	 */
	String statusCallback(OutboundText text) {
		URI base = this.settings.statusCallbackUrl();
		if (base == null || base.toString().isBlank()) {
			return null;
		}
		String url = base.toString();
		return url + ((url.indexOf('?') >= 0) ? "&" : "?") + "messageId=" + encode(text.messageId()) + "&accountId="
				+ encode(text.accountId());
	}

	private HttpRequest request(OutboundText text) {
		StringJoiner form = new StringJoiner("&");
		form.add("To=" + encode(text.to()));
		if (text.from() != null) {
			form.add("From=" + encode(text.from()));
		}
		form.add("Body=" + encode(text.body()));
		String callback = statusCallback(text);
		if (callback != null) {
			form.add("StatusCallback=" + encode(callback));
		}
		return HttpRequest.newBuilder(this.messagesUri)
			.timeout(this.settings.requestTimeout())
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.header(IDEMPOTENCY_HEADER, text.messageId())
			.POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8))
			.build();
	}

	/**
	 * Classifies one answer of the create call.
	 * <ul>
	 * <li>2xx with a {@code sid}: {@link CarrierAnswer.Accepted}.</li>
	 * <li>HTTP 429, or Twilio code 20429 or 14107 with any status:
	 * {@link CarrierAnswer.RateLimited}, for the {@code Retry-After} header (seconds or
	 * an HTTP date; 1 s when absent or unreadable).</li>
	 * <li>5xx, 408 and 401: {@link CarrierAnswer.Transient}. A 401 is our credentials,
	 * not the text: failing the text for good would be wrong.</li>
	 * <li>Any other 4xx: {@link CarrierAnswer.Refused} with Twilio's code and message
	 * (21614 landline, 21610 unsubscribed, 21211 invalid number, …).</li>
	 * </ul>
	 * @param status the HTTP status
	 * @param retryAfter the {@code Retry-After} header, if any
	 * @param body the answer's body, Twilio's JSON or anything else
	 * @param now the time the answer came, to read an HTTP-date {@code Retry-After}
	 * @return the answer
	 */
	static CarrierAnswer classify(int status, Optional<String> retryAfter, String body, Instant now) {
		JsonNode json = parse(body);
		Integer code = code(json.path("code"));
		String message = json.path("message").isString() ? json.path("message").stringValue() : null;
		if (status >= 200 && status < 300) {
			String sid = json.path("sid").isString() ? json.path("sid").stringValue() : null;
			return (sid != null && !sid.isBlank()) ? new CarrierAnswer.Accepted(sid)
					: new CarrierAnswer.Transient("HTTP " + status + " without a message sid");
		}
		if (status == 429 || (code != null && RATE_LIMIT_CODES.contains(code))) {
			return new CarrierAnswer.RateLimited(
					retryAfter.map((value) -> retryAfter(value, now)).orElse(DEFAULT_RETRY_AFTER));
		}
		if (status >= 500 || status == 408 || status == 401) {
			return new CarrierAnswer.Transient(describe(status, code, message));
		}
		if (status >= 400) {
			return new CarrierAnswer.Refused((code != null) ? code.toString() : "HTTP " + status,
					(message != null) ? message : "HTTP " + status);
		}
		return new CarrierAnswer.Transient("unexpected " + describe(status, code, message));
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return JSON.missingNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return JSON.missingNode();
		}
	}

	private static Integer code(JsonNode node) {
		if (node.isIntegralNumber()) {
			return node.intValue();
		}
		if (!node.isString()) {
			return null;
		}
		try {
			return Integer.valueOf(node.stringValue().strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Duration retryAfter(String value, Instant now) {
		String text = value.strip();
		try {
			long seconds = Long.parseLong(text);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : DEFAULT_RETRY_AFTER;
		}
		catch (NumberFormatException ex) {
			// not delta-seconds: maybe an HTTP date
		}
		try {
			Instant until = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return DEFAULT_RETRY_AFTER;
		}
	}

	private static String describe(int status, Integer code, String message) {
		StringBuilder description = new StringBuilder("HTTP ").append(status);
		if (code != null) {
			description.append(", code ").append(code);
		}
		if (message != null) {
			description.append(": ").append(message);
		}
		return description.toString();
	}

	private String timeoutOf(HttpTimeoutException ex) {
		return (ex instanceof java.net.http.HttpConnectTimeoutException) ? this.settings.connectTimeout() + " (connect)"
				: this.settings.requestTimeout().toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
