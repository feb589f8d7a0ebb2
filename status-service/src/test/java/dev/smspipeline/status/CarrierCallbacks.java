package dev.smspipeline.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.twilio.TwilioSignature;

/**
 * Posts carrier webhooks to the service under test the way the carrier does: status
 * callbacks (form fields in the body, our message and account ids in the URL's query) and
 * incoming messages (a lead's reply), signed with the auth token the service is
 * configured with.
 */
public final class CarrierCallbacks {

	/** Where dispatch points the carrier's status callbacks. */
	public static final String PATH = "/webhooks/carrier/status";

	/** Where the carrier posts the messages our numbers receive. */
	public static final String INBOUND_PATH = "/webhooks/carrier/inbound";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final CallbackSettings settings;

	private final TwilioSignature signer;

	public CarrierCallbacks(String baseUrl, CallbackSettings settings) {
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.signer = new TwilioSignature(settings.authToken());
	}

	/**
	 * A callback of ACME's text {@code messageId} with the carrier's {@code status}; the
	 * carrier's SID is derived from the message id, so all callbacks of a text share it.
	 */
	public Callback callback(String messageId, String status) {
		return callback(TestAccount.ACME.id(), messageId, status);
	}

	/** A callback of {@code accountId}'s text {@code messageId}. */
	public Callback callback(String accountId, String messageId, String status) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("messageId", messageId);
		query.put("accountId", accountId);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("MessageSid", sid(messageId));
		form.put("SmsSid", sid(messageId));
		form.put("AccountSid", this.settings.accountSid());
		form.put("From", "+15005550006");
		form.put("To", "+14155550100");
		form.put("MessageStatus", status);
		form.put("SmsStatus", status);
		form.put("ApiVersion", "2010-04-01");
		return new Callback(PATH, query, form);
	}

	/**
	 * An incoming message, as Twilio's incoming-message webhook posts it: {@code from}
	 * the lead, {@code to} our number, with a fresh {@code MessageSid}.
	 */
	public Callback inbound(String from, String to, String body) {
		Map<String, String> form = new LinkedHashMap<>();
		String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
		form.put("MessageSid", sid);
		form.put("SmsMessageSid", sid);
		form.put("AccountSid", this.settings.accountSid());
		form.put("From", from);
		form.put("To", to);
		form.put("Body", body);
		form.put("NumMedia", "0");
		form.put("NumSegments", "1");
		form.put("ApiVersion", "2010-04-01");
		return new Callback(INBOUND_PATH, new LinkedHashMap<>(), form);
	}

	/** Posts {@code callback} with the signature the carrier would compute. */
	public ApiResponse post(Callback callback) {
		return post(callback, sign(callback));
	}

	/**
	 * Posts {@code callback} with this {@code X-Twilio-Signature} ({@code null}: none).
	 */
	public ApiResponse post(Callback callback, String signature) {
		return post(url(callback), callback, signature);
	}

	/** Posts {@code callback}, signed, with more headers. */
	public ApiResponse postWithHeaders(Callback callback, Map<String, String> headers) {
		return post(url(callback), callback, sign(callback), headers);
	}

	/** Posts {@code callback} to another URL than the one it was signed for. */
	public ApiResponse postTo(String query, Callback callback) {
		return post(this.baseUrl + callback.path() + "?" + query, callback, sign(callback));
	}

	/** The signature the carrier would send with {@code callback}. */
	public String sign(Callback callback) {
		return this.signer.sign(url(callback), callback.form());
	}

	private String url(Callback callback) {
		String query = encode(callback.query());
		return this.baseUrl + callback.path() + (query.isEmpty() ? "" : "?" + query);
	}

	private static ApiResponse post(String url, Callback callback, String signature) {
		return post(url, callback, signature, Map.of());
	}

	private static ApiResponse post(String url, Callback callback, String signature, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(encode(callback.form())));
		if (signature != null) {
			request.header(TwilioSignature.HEADER, signature);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new ApiResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String sid(String messageId) {
		String hex = messageId.replace("-", "");
		return "SM" + (hex + "0".repeat(32)).substring(0, 32);
	}

	/**
	 * One webhook call: the path it is posted to, the query of its URL and the form
	 * fields of its body, in order.
	 *
	 * @param path the webhook's path
	 * @param query parameters of the callback URL's query
	 * @param form the form fields
	 */
	public record Callback(String path, Map<String, String> query, Map<String, String> form) {

		/** The same callback with {@code name} set to {@code value} in the form. */
		public Callback with(String name, String value) {
			Map<String, String> changed = new LinkedHashMap<>(this.form);
			changed.put(name, value);
			return new Callback(this.path, this.query, changed);
		}

		/** The same callback with an {@code undelivered}-style error. */
		public Callback withError(String code, String message) {
			return with("ErrorCode", code).with("ErrorMessage", message);
		}

		/** The same callback without {@code name} in the URL's query. */
		public Callback withoutQuery(String name) {
			Map<String, String> changed = new LinkedHashMap<>(this.query);
			changed.remove(name);
			return new Callback(this.path, changed, this.form);
		}

	}

}
