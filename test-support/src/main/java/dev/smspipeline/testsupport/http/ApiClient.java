package dev.smspipeline.testsupport.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.smspipeline.testsupport.accounts.TestAccount;

/**
 * A plain HTTP client for a service's API, acting as one account (or as nobody).
 */
public final class ApiClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String authorization;

	private ApiClient(String baseUrl, String authorization) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	/** Calls as {@code account}, with its API key. */
	public static ApiClient as(TestAccount account, String baseUrl) {
		return new ApiClient(baseUrl, account.bearer());
	}

	/** Calls with no {@code Authorization} header. */
	public static ApiClient anonymous(String baseUrl) {
		return new ApiClient(baseUrl, null);
	}

	/** Calls with this exact {@code Authorization} header value. */
	public static ApiClient withAuthorization(String authorization, String baseUrl) {
		return new ApiClient(baseUrl, authorization);
	}

	public ApiResponse postJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public ApiResponse postJson(String path, String json, String headerName, String headerValue) {
		return send(request(path).header("Content-Type", "application/json")
			.header(headerName, headerValue)
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public ApiResponse get(String path) {
		return send(request(path).GET());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	private static ApiResponse send(HttpRequest.Builder request) {
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

}
