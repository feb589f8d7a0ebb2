package dev.smspipeline.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import dev.smspipeline.registry.http.RestApi;
import dev.smspipeline.registry.store.SchemaStore;
import dev.smspipeline.registry.subjects.Subjects;

/**
 * A schema registry in this process: the Confluent REST API on the JDK's HTTP server, its
 * state in a compacted topic of the given Kafka cluster. Listens on every interface.
 *
 * <pre>
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start("localhost:9092", 0)) {
 *     String url = registry.url(); // http://localhost:port
 * }
 * </pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

	/** The topic Confluent's registry keeps its state in. */
	public static final String DEFAULT_TOPIC = "_schemas";

	/** How long Kafka may take to answer, at start and on each write. */
	public static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

	private static final int HTTP_THREADS = 8;

	private final SchemaStore store;

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicBoolean closed = new AtomicBoolean();

	private EmbeddedSchemaRegistry(SchemaStore store, HttpServer server, ExecutorService executor) {
		this.store = store;
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Starts a registry kept in {@value #DEFAULT_TOPIC}; returns once the topic is read
	 * and the HTTP port listens.
	 * @param bootstrapServers the Kafka cluster
	 * @param port the HTTP port, 0 for any free one
	 */
	public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
		return start(bootstrapServers, port, DEFAULT_TOPIC);
	}

	/**
	 * Starts a registry kept in {@code topic}; returns once the topic is read and the
	 * HTTP port listens.
	 * @param bootstrapServers the Kafka cluster
	 * @param port the HTTP port, 0 for any free one
	 * @param topic the topic of its state, created compacted if absent
	 * @throws dev.smspipeline.registry.store.StoreException when Kafka cannot be reached
	 * @throws UncheckedIOException when the port cannot be bound
	 */
	public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, String topic) {
		SchemaStore store = SchemaStore.open(bootstrapServers, topic, KAFKA_TIMEOUT);
		ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads("schema-registry-http-"));
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
			server.createContext("/", new RestApi(new Subjects(store)));
			server.setExecutor(executor);
			server.start();
			return new EmbeddedSchemaRegistry(store, server, executor);
		}
		catch (IOException ex) {
			executor.shutdownNow();
			store.close();
			throw new UncheckedIOException("Cannot listen on port " + port, ex);
		}
	}

	/** The base URL, e.g. {@code http://localhost:8085}. */
	public String url() {
		return "http://localhost:" + port();
	}

	/** The HTTP port it listens on. */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Stops listening, lets requests in progress finish, and closes the Kafka clients.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.server.stop(0);
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.store.close();
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
