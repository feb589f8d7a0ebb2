package dev.smspipeline.dispatch.carrier;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.binder.httpcomponents.hc5.ObservationExecChainHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.smspipeline.platform.logging.PhoneNumberMask;

/**
 * Twilio's create-message call, {@code POST
 * {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json}, on one shared Apache
 * HttpClient 5 with a pool of keep-alive connections (as many as calls may be in flight,
 * {@code sms.carrier.max-in-flight}), connect and response timeouts, and no retries of
 * its own: retries are the submission flow's, with backoff, under the same idempotency
 * token. Calls block the dispatcher's bounded workers; with the JDK's {@code HttpClient}
 * the benchmark ran a quarter slower (its selector thread and completion stages cost more
 * CPU per call than blocking I/O at this message size; see docs/benchmarks.md).
 *
 * <p>
 * Every call carries the message id as {@value #IDEMPOTENCY_HEADER}, so a retried create,
 * whether retried here or after a redelivery, gets the first answer again instead of a
 * second text. A {@link Semaphore} bounds the calls in flight. The answer is classified
 * into a {@link CarrierAnswer}; carrier and network failures are answers, never
 * exceptions. A failure says whether the carrier may have the text all the same: it may
 * once the request's body was being written and no answer came back (see
 * {@link CarrierAnswer.Transient#maybeTaken()}).
 *
 * <p>
 * Every call is observed (Micrometer's {@link ObservationExecChainHandler}): a client
 * span in the text's trace, whose W3C {@code traceparent} header goes to the carrier.
 */
@Component
public class CarrierClient implements Carrier, AutoCloseable {

	/** Twilio's idempotency header: a repeat of the token gets the first answer again. */
	public static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

	/** Twilio's code for "too many requests" to one number. */
	static final int RECIPIENT_RATE_LIMIT_CODE = 20429;

	/** Twilio's code for "send rate exceeded" between one sender and one recipient. */
	static final int PAIR_RATE_LIMIT_CODE = 14107;

	/**
	 * "please wait 20 seconds", "retry after 30 s": a wait the carrier's message names.
	 */
	private static final Pattern NAMED_WAIT = Pattern.compile("(\\d{1,5})\\s*(?:seconds?|secs?|s)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final Logger log = LoggerFactory.getLogger(CarrierClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CarrierSettings settings;

	private final CloseableHttpClient http;

	private final URI messagesUri;

	private final String authorization;

	private final Semaphore inFlight;

	public CarrierClient(CarrierSettings settings) {
		this(settings, ObservationRegistry.NOOP);
	}

	@Autowired
	public CarrierClient(CarrierSettings settings, ObservationRegistry observations) {
		this.settings = settings;
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(settings.maxInFlight())
			.setMaxConnPerRoute(settings.maxInFlight())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(settings.connectTimeout()))
				.setSocketTimeout(Timeout.of(settings.requestTimeout()))
				.setTimeToLive(TimeValue.ofMinutes(5))
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.build())
			.build();
		this.http = HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.of(settings.requestTimeout()))
				.setConnectionRequestTimeout(Timeout.of(settings.requestTimeout()))
				.setRedirectsEnabled(false)
				.build())
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.addExecInterceptorLast("observation", new ObservationExecChainHandler(observations))
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
		AtomicBoolean sent = new AtomicBoolean();
		ClassicHttpRequest request = request(text, sent);
		try {
			if (!this.inFlight.tryAcquire(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				return CarrierAnswer.Transient.notTaken("no free slot among " + this.settings.maxInFlight()
						+ " carrier calls in flight within " + this.settings.requestTimeout());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CarrierAnswer.Transient.notTaken("interrupted while waiting for a carrier call slot");
		}
		try {
			return this.http.execute(request, (response) -> {
				String body = (response.getEntity() != null)
						? EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8) : "";
				Header retryAfter = response.getFirstHeader("Retry-After");
				CarrierAnswer answer = classify(response.getCode(),
						Optional.ofNullable((retryAfter != null) ? retryAfter.getValue() : null), body, Instant.now());
				if (log.isDebugEnabled()) {
					log.debug("Carrier answered HTTP {} for message {}: {}", response.getCode(), text.messageId(),
							PhoneNumberMask.maskAll(answer.toString()));
				}
				return answer;
			});
		}
		catch (ConnectTimeoutException ex) {
			return CarrierAnswer.Transient
				.notTaken("no connection to the carrier within " + this.settings.connectTimeout() + " (connect)");
		}
		catch (IOException ex) {
			return failure(ex, sent.get());
		}
		finally {
			this.inFlight.release();
		}
	}

	/**
	 * A call that failed without an answer. Whether the carrier may have the text depends
	 * only on whether the request went out: once its body was handed to the connection,
	 * the carrier may have taken it whatever broke next (a response timeout, a reset, a
	 * closed connection); before, it cannot have (a connect failure, no pooled connection
	 * in time, a TLS handshake that failed).
	 * @param ex what went wrong
	 * @param sent whether the request's body was being written to the carrier
	 * @return the answer
	 */
	private CarrierAnswer failure(IOException ex, boolean sent) {
		if (!sent) {
			return CarrierAnswer.Transient.notTaken("cannot reach the carrier: " + ex);
		}
		if (ex instanceof SocketTimeoutException || ex instanceof InterruptedIOException) {
			return CarrierAnswer.Transient.unanswered("no answer from the carrier within "
					+ this.settings.requestTimeout() + ((ex.getMessage() != null) ? " (" + ex.getMessage() + ")" : ""));
		}
		return CarrierAnswer.Transient.unanswered("connection to the carrier lost after the request was sent: " + ex);
	}

	@Override
	public void close() throws IOException {
		this.http.close();
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

	private ClassicHttpRequest request(OutboundText text, AtomicBoolean sent) {
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
		return ClassicRequestBuilder.post(this.messagesUri)
			.addHeader("Authorization", this.authorization)
			.addHeader("Accept", "application/json")
			.addHeader(IDEMPOTENCY_HEADER, text.messageId())
			.setEntity(
					new SentMarking(new StringEntity(form.toString(), ContentType.APPLICATION_FORM_URLENCODED), sent))
			.build();
	}

	/**
	 * Classifies one answer of the create call.
	 * <ul>
	 * <li>2xx with a {@code sid}: {@link CarrierAnswer.Accepted}; without one, a
	 * {@link CarrierAnswer.Transient} that the carrier may have taken (it said it
	 * did).</li>
	 * <li>Twilio code 14107, with any status: {@link CarrierAnswer.RateLimited} for the
	 * pair of sender and recipient ({@link CarrierAnswer.HoldScope#PAIR}).</li>
	 * <li>HTTP 429, or code 20429 with any status: {@link CarrierAnswer.RateLimited} for
	 * the recipient ({@link CarrierAnswer.HoldScope#RECIPIENT}).</li>
	 * <li>The wait of a rate-limit answer is its {@code Retry-After} header (seconds or
	 * an HTTP date), else the seconds its message names ("please wait 20 seconds"), else
	 * none ({@code null}: the caller's default for the scope).</li>
	 * <li>5xx, 408 and 401: {@link CarrierAnswer.Transient}, not taken: the carrier
	 * answered, and not with a message. A 401 is our credentials, not the text: failing
	 * the text for good would be wrong.</li>
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
					: CarrierAnswer.Transient.unanswered("HTTP " + status + " without a message sid");
		}
		boolean pair = code != null && code == PAIR_RATE_LIMIT_CODE;
		if (pair || status == 429 || (code != null && code == RECIPIENT_RATE_LIMIT_CODE)) {
			Duration wait = retryAfter.map((value) -> retryAfter(value, now)).orElseGet(() -> namedWait(message));
			return new CarrierAnswer.RateLimited(wait,
					pair ? CarrierAnswer.HoldScope.PAIR : CarrierAnswer.HoldScope.RECIPIENT,
					(code != null) ? code.toString() : "HTTP " + status);
		}
		if (status >= 500 || status == 408 || status == 401) {
			return CarrierAnswer.Transient.notTaken(describe(status, code, message));
		}
		if (status >= 400) {
			return new CarrierAnswer.Refused((code != null) ? code.toString() : "HTTP " + status,
					(message != null) ? message : "HTTP " + status);
		}
		return CarrierAnswer.Transient.notTaken("unexpected " + describe(status, code, message));
	}

	/**
	 * The wait a carrier's message names, e.g. "To number rate limit exceeded, please
	 * wait 20 seconds".
	 * @param message the message, or {@code null}
	 * @return the wait, or {@code null} when it names none
	 */
	static Duration namedWait(String message) {
		if (message == null) {
			return null;
		}
		Matcher matcher = NAMED_WAIT.matcher(message);
		return matcher.find() ? Duration.ofSeconds(Long.parseLong(matcher.group(1))) : null;
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
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// not delta-seconds: maybe an HTTP date
		}
		try {
			Instant until = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return null;
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

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The request's body, noting when the connection starts writing it: from then on the
	 * carrier may have the request, whatever happens to the answer.
	 */
	private static final class SentMarking extends HttpEntityWrapper {

		private final AtomicBoolean sent;

		SentMarking(HttpEntity body, AtomicBoolean sent) {
			super(body);
			this.sent = sent;
		}

		@Override
		public void writeTo(OutputStream out) throws IOException {
			this.sent.set(true);
			super.writeTo(out);
		}

	}

}
