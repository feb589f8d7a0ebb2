package dev.smspipeline.campaign.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;

/**
 * The calls {@link ApiClient} does not make: PATCH, DELETE and CSV uploads, as one
 * account.
 */
public final class Http {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final TestAccount account;

	private final String baseUrl;

	private Http(TestAccount account, String baseUrl) {
		this.account = account;
		this.baseUrl = baseUrl;
	}

	public static Http as(TestAccount account, int port) {
		return new Http(account, "http://localhost:" + port);
	}

	public ApiClient api() {
		return ApiClient.as(this.account, this.baseUrl);
	}

	public ApiResponse postJson(String path, String json) {
		return api().postJson(path, json);
	}

	public ApiResponse get(String path) {
		return api().get(path);
	}

	public ApiResponse put(String path) {
		return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * POSTs JSON with extra headers (name, value, ...) and keeps the answer's headers.
	 */
	public HttpResponse<String> postJsonWithHeaders(String path, String json, String... headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public ApiResponse patch(String path, String json) {
		return send(request(path).header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
	}

	public ApiResponse delete(String path) {
		return send(request(path).DELETE());
	}

	public ApiResponse uploadCsv(String path, String csv) {
		return send(request(path).header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
	}

	/** Uploads a body streamed from {@code body}, never held whole in memory. */
	public ApiResponse uploadCsv(String path, Supplier<InputStream> body) {
		return send(request(path).header("Content-Type", "text/csv")
			.timeout(Duration.ofMinutes(10))
			.POST(HttpRequest.BodyPublishers.ofInputStream(body)));
	}

	public static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", this.account.bearer());
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
