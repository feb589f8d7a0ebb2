package dev.smspipeline.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server that answers canned JSON per method and raw path and remembers what it
 * was sent: enough to check what the client puts on the wire.
 */
final class StubRegistry implements AutoCloseable {

	record Request(String method, String rawPath, String contentType, String body) {
	}

	private record Answer(int status, String body, boolean hang) {
	}

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private final HttpServer server;

	StubRegistry() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	StubRegistry answer(String method, String rawPath, int status, String body) {
		this.answers.put(method + " " + rawPath, new Answer(status, body, false));
		return this;
	}

	/** Answers nothing on that path until the stub is closed. */
	StubRegistry hang(String method, String rawPath) {
		this.answers.put(method + " " + rawPath, new Answer(0, "", true));
		return this;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String method = exchange.getRequestMethod();
			String rawPath = exchange.getRequestURI().getRawPath();
			this.requests.add(new Request(method, rawPath, exchange.getRequestHeaders().getFirst("Content-Type"),
					new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			Answer answer = this.answers.getOrDefault(method + " " + rawPath,
					new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}", false));
			if (answer.hang()) {
				this.released.await(30, TimeUnit.SECONDS);
				return;
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
	}

}
