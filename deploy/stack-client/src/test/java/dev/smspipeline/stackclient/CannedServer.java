package dev.smspipeline.stackclient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers each request URI (path and query) with a canned JSON
 * body, 404 for any other, and remembers the URIs and Authorization headers it was asked
 * with.
 */
final class CannedServer implements AutoCloseable {

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	final List<String> requests = new CopyOnWriteArrayList<>();

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	CannedServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			String uri = exchange.getRequestURI().toString();
			this.requests.add(uri);
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.authorizations.add((authorization != null) ? authorization : "");
			String answer = this.answers.get(uri);
			byte[] body = (answer != null) ? answer.getBytes(StandardCharsets.UTF_8) : new byte[0];
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders((answer != null) ? 200 : 404, (body.length > 0) ? body.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	CannedServer answer(String uri, String json) {
		this.answers.put(uri, json);
		return this;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
