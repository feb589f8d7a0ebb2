package dev.smspipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.http.UnencodedGet;

/**
 * HTTP as a hostile client speaks it: any method, any headers, any bytes, any content
 * type, with or without a key. {@code ApiClient} only makes the well-behaved calls.
 */
final class RawHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String method;

	private final String url;

	private final HttpRequest.Builder request;

	private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

	private RawHttp(String method, String url) {
		this.method = method;
		this.url = url;
		this.request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
	}

	static RawHttp get(String url) {
		return new RawHttp("GET", url);
	}

	static RawHttp post(String url) {
		return new RawHttp("POST", url);
	}

	static RawHttp put(String url) {
		return new RawHttp("PUT", url);
	}

	static RawHttp patch(String url) {
		return new RawHttp("PATCH", url);
	}

	static RawHttp delete(String url) {
		return new RawHttp("DELETE", url);
	}

	RawHttp as(TestAccount account) {
		return header("Authorization", account.bearer());
	}

	RawHttp header(String name, String value) {
		this.request.header(name, value);
		return this;
	}

	RawHttp json(String json) {
		return body("application/json", json);
	}

	RawHttp body(String contentType, String text) {
		return body(contentType, text.getBytes(StandardCharsets.UTF_8));
	}

	RawHttp body(String contentType, byte[] bytes) {
		this.request.header("Content-Type", contentType);
		this.body = HttpRequest.BodyPublishers.ofByteArray(bytes);
		return this;
	}

	/**
	 * An {@code application/x-www-form-urlencoded} body, as Twilio posts its webhooks.
	 */
	RawHttp form(Map<String, String> parameters) {
		return body("application/x-www-form-urlencoded", formEncoded(parameters));
	}

	ApiResponse send() {
		try {
			HttpResponse<String> response = HTTP.send(this.request.method(this.method, this.body).build(),
					HttpResponse.BodyHandlers.ofString());
			return new ApiResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.method + " " + this.url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A GET whose request line is sent as given, even when it is no valid URI.
	 */
	static ApiResponse unencodedGet(ServiceProcess service, String pathAndQuery, TestAccount account) {
		URI base = URI.create(service.baseUrl());
		return UnencodedGet.send(base.getHost(), base.getPort(), pathAndQuery, account.bearer());
	}

	static String formEncoded(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((parameter) -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
