package dev.smspipeline.simulator.messages;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import dev.smspipeline.simulator.callback.CallbackDispatcher;
import dev.smspipeline.simulator.callback.StatusCallbacks;
import dev.smspipeline.simulator.fault.Fault;
import dev.smspipeline.simulator.fault.FaultMode;
import dev.smspipeline.simulator.fault.FaultSwitch;
import dev.smspipeline.simulator.http.Exchanges;
import dev.smspipeline.simulator.http.Json;
import dev.smspipeline.simulator.http.Routes;
import dev.smspipeline.simulator.http.TwilioError;
import dev.smspipeline.simulator.scenario.ErrorCodes;
import dev.smspipeline.simulator.scenario.Scenario;
import dev.smspipeline.simulator.scenario.ScenarioTable;

/**
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}: Twilio's create-message
 * call. Checks basic auth, applies a switched-on fault ({@code /sim/faults}), answers
 * repeats of an idempotency key, validates the form, applies the rate rule and the
 * recipient's scenario, answers like Twilio, logs the request and schedules the status
 * callbacks. Under a {@link FaultMode#TIMEOUT} fault the request is decided as usual but
 * its answer is sent only after the fault's delay, on another thread, so the HTTP threads
 * stay free.
 */
public final class CreateMessageHandler implements Routes.Handler {

	/** The path, with the account SID as group 1. */
	public static final String PATH = "/2010-04-01/Accounts/([^/]+)/Messages\\.json";

	/** Twilio's own idempotency header. */
	public static final String TWILIO_IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

	/** The generic idempotency header. */
	public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

	/** Twilio's longest body. */
	public static final int MAX_BODY_CHARACTERS = 1600;

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	private static final DateTimeFormatter RFC_2822 = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final String accountSid;

	private final byte[] expectedCredentials;

	private final ScenarioTable scenarios;

	private final NumberLedger ledger;

	private final IdempotencyCache idempotency;

	private final MessageLog log;

	private final CallbackDispatcher callbacks;

	private final FaultSwitch faults;

	private final ScheduledExecutorService heldAnswers;

	/**
	 * Creates the handler.
	 * @param accountSid the account clients authenticate as
	 * @param authToken its auth token
	 * @param scenarios the scenario table
	 * @param ledger the per-number state
	 * @param idempotency answers by idempotency key
	 * @param log the log of received requests
	 * @param callbacks posts the status callbacks
	 * @param faults the fault in force
	 * @param heldAnswers sends the answers a TIMEOUT fault holds
	 */
	public CreateMessageHandler(String accountSid, String authToken, ScenarioTable scenarios, NumberLedger ledger,
			IdempotencyCache idempotency, MessageLog log, CallbackDispatcher callbacks, FaultSwitch faults,
			ScheduledExecutorService heldAnswers) {
		this.accountSid = accountSid;
		this.expectedCredentials = (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8);
		this.scenarios = scenarios;
		this.ledger = ledger;
		this.idempotency = idempotency;
		this.log = log;
		this.callbacks = callbacks;
		this.faults = faults;
		this.heldAnswers = heldAnswers;
	}

	@Override
	public void handle(HttpExchange exchange, Matcher path) throws IOException {
		long arrival = this.log.arrive();
		long now = System.currentTimeMillis();
		Map<String, String> form = Exchanges
			.parseForm(new String(Exchanges.readBody(exchange), StandardCharsets.UTF_8));
		restorePlus(form, "To");
		restorePlus(form, "From");
		String key = idempotencyKey(exchange);
		CreateAnswer answer;
		boolean duplicate = false;
		boolean authorized = authorized(exchange, path.group(1));
		Fault fault = authorized ? this.faults.current(now) : Fault.NONE;
		if (!authorized) {
			answer = CreateAnswer.of(TwilioError.authenticate());
		}
		else if (fault.mode() == FaultMode.ERROR_500) {
			this.faults.countErrored();
			answer = CreateAnswer.of(TwilioError.internalError());
		}
		else if (key == null) {
			answer = create(form, null, now);
		}
		else {
			IdempotencyCache.Result result = this.idempotency.answer(key, () -> create(form, key, now));
			answer = result.answer();
			duplicate = result.duplicate();
		}
		this.log.add(arrival, new ReceivedMessage(now, form.get("To"), form.get("From"), form.get("Body"), key,
				duplicate ? Outcome.DUPLICATE : answer.outcome(), answer.sid(), answer.status(), answer.errorCode(),
				form.get("StatusCallback"), (fault.mode() != FaultMode.NONE) ? fault.mode() : null));
		if (fault.mode() == FaultMode.TIMEOUT) {
			this.faults.countHeld();
			hold(exchange, answer, fault.timeoutDelay().toMillis());
		}
		else {
			send(exchange, answer);
		}
	}

	/**
	 * Sends the answer after {@code delayMillis}: by then the client has given up, so the
	 * answer is lost, as when a carrier takes a text and its answer never arrives.
	 */
	private void hold(HttpExchange exchange, CreateAnswer answer, long delayMillis) {
		Runnable late = () -> {
			try {
				send(exchange, answer);
			}
			catch (IOException | RuntimeException ex) {
				// the client is gone: the usual end of a held answer
				exchange.close();
			}
		};
		try {
			this.heldAnswers.schedule(late, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
			exchange.close();
		}
	}

	private CreateAnswer create(Map<String, String> form, String key, long now) {
		String to = form.get("To");
		String from = form.get("From");
		String body = form.get("Body");
		String statusCallback = form.get("StatusCallback");
		if (to == null || to.isBlank()) {
			return refusal(21604);
		}
		if (!E164.matcher(to).matches()) {
			return refusal(21211);
		}
		if (body == null || body.isEmpty()) {
			return refusal(21602);
		}
		if (body.length() > MAX_BODY_CHARACTERS) {
			return refusal(21617);
		}
		URI callbackUrl = null;
		if (statusCallback != null && !statusCallback.isBlank()) {
			callbackUrl = callbackUrl(statusCallback);
			if (callbackUrl == null) {
				return refusal(21609);
			}
		}
		Scenario scenario = this.scenarios.forNumber(to);
		String messageKey = (scenario.failFirstCreates() > 0) ? messageKey(key, to, body) : null;
		TwilioError error = this.ledger.decide(to, messageKey, scenario, now);
		if (error != null) {
			return CreateAnswer.of(error);
		}
		String sid = Sids.newMessageSid();
		byte[] resource = Json.write(messageResource(sid, to, from, body, now));
		if (callbackUrl != null) {
			this.callbacks.schedule(callbackUrl, StatusCallbacks
				.plan(new StatusCallbacks.MessageFacts(sid, this.accountSid, from, to), scenario, now));
		}
		return new CreateAnswer(201, resource, null, Outcome.ACCEPTED, sid, null);
	}

	/**
	 * A '+' sent unencoded in a form (as {@code curl -d To=+1415…} does) arrives as a
	 * space; take it back.
	 */
	private static void restorePlus(Map<String, String> form, String field) {
		String value = form.get(field);
		if (value != null && value.length() > 1 && value.charAt(0) == ' ' && Character.isDigit(value.charAt(1))) {
			form.put(field, "+" + value.substring(1));
		}
	}

	private static CreateAnswer refusal(int code) {
		return CreateAnswer.of(new TwilioError(400, code, ErrorCodes.message(code)));
	}

	private static String messageKey(String key, String to, String body) {
		return (key != null) ? "key:" + key : "message:" + to + "\n" + body;
	}

	private static URI callbackUrl(String value) {
		try {
			URI uri = new URI(value.strip());
			String scheme = uri.getScheme();
			boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
			return (http && uri.getHost() != null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private Map<String, Object> messageResource(String sid, String to, String from, String body, long now) {
		String date = RFC_2822.format(Instant.ofEpochMilli(now));
		String uri = "/2010-04-01/Accounts/" + this.accountSid + "/Messages/" + sid;
		Map<String, Object> resource = new LinkedHashMap<>();
		resource.put("account_sid", this.accountSid);
		resource.put("api_version", StatusCallbacks.API_VERSION);
		resource.put("body", body);
		resource.put("date_created", date);
		resource.put("date_sent", null);
		resource.put("date_updated", date);
		resource.put("direction", "outbound-api");
		resource.put("error_code", null);
		resource.put("error_message", null);
		resource.put("from", from);
		resource.put("messaging_service_sid", null);
		resource.put("num_media", "0");
		resource.put("num_segments", Integer.toString(Segments.count(body)));
		resource.put("price", null);
		resource.put("price_unit", "USD");
		resource.put("sid", sid);
		resource.put("status", "queued");
		resource.put("subresource_uris", Map.of("media", uri + "/Media.json"));
		resource.put("to", to);
		resource.put("uri", uri + ".json");
		return resource;
	}

	private boolean authorized(HttpExchange exchange, String pathSid) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		byte[] credentials;
		try {
			credentials = Base64.getDecoder().decode(header.substring(6).strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		boolean matches = MessageDigest.isEqual(credentials, this.expectedCredentials);
		return matches && this.accountSid.equals(pathSid);
	}

	private static String idempotencyKey(HttpExchange exchange) {
		String key = exchange.getRequestHeaders().getFirst(TWILIO_IDEMPOTENCY_HEADER);
		if (key == null || key.isBlank()) {
			key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_HEADER);
		}
		return (key == null || key.isBlank()) ? null : key.strip();
	}

	private static void send(HttpExchange exchange, CreateAnswer answer) throws IOException {
		if (answer.retryAfterSeconds() != null) {
			exchange.getResponseHeaders().set("Retry-After", Integer.toString(answer.retryAfterSeconds()));
		}
		if (answer.status() == 401) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
		}
		Exchanges.sendJson(exchange, answer.status(), answer.body());
	}

}
