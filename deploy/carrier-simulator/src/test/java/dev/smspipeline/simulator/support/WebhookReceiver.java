package dev.smspipeline.simulator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import dev.smspipeline.simulator.http.Exchanges;

/**
 * A tiny HTTP server that records every request posted to it, for callbacks and inbound
 * webhooks.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger status = new AtomicInteger(200);

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private WebhookReceiver(int port) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String url = "http://127.0.0.1:" + port() + exchange.getRequestURI();
			this.requests.add(new Request(System.currentTimeMillis(), url, exchange.getRequestURI().getRawQuery(),
					exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("User-Agent"), Exchanges.parseForm(body)));
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			int answer = (this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) ? 500
					: this.status.get();
			byte[] reply = "<Response/>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer, reply.length);
			exchange.getResponseBody().write(reply);
			exchange.close();
		});
		this.server.start();
	}

	public static WebhookReceiver start() {
		return start(0);
	}

	/**
	 * Starts a receiver on a given port, e.g. the port of one closed earlier, to play a
	 * receiver that restarted.
	 * @param port the port, 0 for an ephemeral one
	 * @return the receiver
	 */
	public static WebhookReceiver start(int port) {
		try {
			return new WebhookReceiver(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * A URL of this receiver.
	 * @param pathAndQuery e.g. {@code /status?messageId=1}
	 * @return the full URL
	 */
	public String url(String pathAndQuery) {
		return "http://127.0.0.1:" + port() + pathAndQuery;
	}

	/**
	 * Answers every later request with this status.
	 * @param status the HTTP status
	 */
	public void answerWith(int status) {
		this.status.set(status);
	}

	/**
	 * Answers the next requests with HTTP 500.
	 * @param count how many
	 */
	public void failNext(int count) {
		this.failuresLeft.set(count);
	}

	/**
	 * Records the requests that arrive from now on but holds their answers until
	 * {@link #release()}.
	 */
	public void hold() {
		this.gate = new CountDownLatch(1);
	}

	/**
	 * Answers the held requests and every later one at once.
	 */
	public void release() {
		this.gate.countDown();
	}

	public List<Request> requests() {
		return new ArrayList<>(this.requests);
	}

	/**
	 * The {@code MessageStatus} of every request, in arrival order.
	 * @return the statuses
	 */
	public List<String> statuses() {
		return this.requests.stream().map((request) -> request.form().get("MessageStatus")).toList();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One recorded request.
	 *
	 * @param receivedAt when it arrived
	 * @param url the full URL it was posted to
	 * @param query its raw query string
	 * @param signature its {@code X-Twilio-Signature}
	 * @param contentType its {@code Content-Type}
	 * @param userAgent its {@code User-Agent}
	 * @param form its form fields
	 */
	public record Request(long receivedAt, String url, String query, String signature, String contentType,
			String userAgent, Map<String, String> form) {
	}

}
