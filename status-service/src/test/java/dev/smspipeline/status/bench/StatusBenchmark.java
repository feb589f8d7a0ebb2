package dev.smspipeline.status.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.apache.avro.specific.SpecificRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.status.CarrierCallbacks;
import dev.smspipeline.status.StatusServiceApplication;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.testsupport.http.ApiClient;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.infrastructure.TestInfrastructure;
import dev.smspipeline.testsupport.spring.InfrastructureInitializer;

/**
 * Measures status-service:
 * <ol>
 * <li><b>Callback intake:</b> posts {@code --callbacks} signed status callbacks from
 * {@code --threads} client threads and reports requests per second and latency
 * percentiles (each request is answered only after the broker acknowledged its event),
 * then how long the store took to apply them all.</li>
 * <li><b>Queries at scale:</b> bulk-loads {@code --messages} texts into the store with
 * PostgreSQL's COPY (plus the campaign counters and recipient summaries they imply), then
 * calls each search, a recipient's texts, a campaign's stats and the campaign list
 * {@code --repeats} times and reports latency percentiles.</li>
 * </ol>
 * By default it starts everything itself in this JVM: the embedded Kafka broker, schema
 * registry and PostgreSQL of the tests, and status-service on a free port (ageing and
 * completion jobs off, so nothing but the benchmark writes). Against a running service
 * instead, pass {@code --base-url}, {@code --auth-token} (the carrier auth token it
 * verifies signatures with), {@code --api-key} of an account, and for the bulk load
 * {@code --jdbc-url}, {@code --jdbc-user}, {@code --jdbc-password} of its database.
 * <p>
 * {@code ./mvnw -q -pl status-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.smspipeline.status.bench.StatusBenchmark
 * -Dexec.args="--callbacks=20000 --threads=8 --messages=1000000 --repeats=200"}
 */
public final class StatusBenchmark {

	private static final String ACCOUNT = "bench";

	/** Beside the test classes: status-service/target/status-benchmark.txt. */
	private static final Path RESULTS = resultsFile();

	private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	private static final String AUTH_TOKEN = "bench-auth-token-0123456789abcdef";

	private final Map<String, String> options;

	private final Random random = new Random(7);

	private StatusBenchmark(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		int status = 0;
		try {
			new StatusBenchmark(options).run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		// The embedded infrastructure's threads would keep the JVM alive.
		System.exit(status);
	}

	private void run() throws Exception {
		int callbacks = intOption("callbacks", 20_000);
		int threads = intOption("threads", 8);
		int messages = intOption("messages", 1_000_000);
		int repeats = intOption("repeats", 200);
		ConfigurableApplicationContext service = null;
		String baseUrl = this.options.get("base-url");
		String authToken = this.options.getOrDefault("auth-token", AUTH_TOKEN);
		String apiKey = this.options.getOrDefault("api-key",
				"sk_bench_" + UUID.randomUUID().toString().replace("-", ""));
		String jdbcUrl = this.options.get("jdbc-url");
		String jdbcUser = this.options.get("jdbc-user");
		String jdbcPassword = this.options.get("jdbc-password");
		if (baseUrl == null) {
			long started = System.nanoTime();
			TestInfrastructure infrastructure = TestInfrastructure.shared();
			service = new SpringApplicationBuilder(StatusServiceApplication.class)
				.initializers(new InfrastructureInitializer())
				.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
						"--logging.level.org.apache.kafka=ERROR", "--sms.status.ageing.enabled=false",
						"--sms.status.completion.enabled=false", "--sms.callbacks.auth-token=" + AUTH_TOKEN,
						"--sms.callbacks.account-sid=" + ACCOUNT_SID,
						"--sms.accounts.bootstrap." + ACCOUNT + "=" + ApiKeyHash.of(apiKey).hex());
			baseUrl = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
			jdbcUrl = infrastructure.jdbcUrl("status_service");
			jdbcUser = infrastructure.databaseUsername();
			jdbcPassword = infrastructure.databasePassword();
			out("Started broker, registry, PostgreSQL and status-service in %d ms: %s%n",
					(System.nanoTime() - started) / 1_000_000, baseUrl);
		}
		out("%n# status-service benchmark, %s", Instant.now().truncatedTo(ChronoUnit.SECONDS));
		out("Machine: %d cores, JVM %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
				Runtime.version(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
		try {
			if (callbacks > 0) {
				intake(baseUrl, authToken, apiKey, callbacks, threads, jdbcUrl, jdbcUser, jdbcPassword);
			}
			int projected = intOption("projected", 50_000);
			if (projected > 0 && service != null) {
				projection(service, projected, jdbcUrl, jdbcUser, jdbcPassword);
			}
			if (messages > 0 && jdbcUrl != null) {
				queries(baseUrl, apiKey, messages, repeats, jdbcUrl, jdbcUser, jdbcPassword);
			}
		}
		finally {
			if (service != null) {
				service.close();
			}
		}
	}

	private void intake(String baseUrl, String authToken, String apiKey, int total, int threads, String jdbcUrl,
			String jdbcUser, String jdbcPassword) throws Exception {
		CarrierCallbacks carrier = new CarrierCallbacks(baseUrl,
				new CallbackSettings(authToken, ACCOUNT_SID, null, Duration.ofSeconds(10)));
		String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		IntFunction<CarrierCallbacks.Callback> callback = (i) -> carrier.callback(ACCOUNT, prefix + i,
				(i % 10 == 0) ? "undelivered" : "delivered");
		out("%n== Callback intake: %d signed callbacks, %d client threads%n", total, threads);
		post(carrier, callback, Math.min(2_000, total), threads, new Latencies()); // warm-up
		Latencies latencies = new Latencies();
		long started = System.nanoTime();
		post(carrier, (i) -> callback.apply(total + i), total, threads, latencies);
		double seconds = (System.nanoTime() - started) / 1e9;
		out("%d callbacks in %.1f s: %.0f requests/s%n", total, seconds, total / seconds);
		out("latency %s", latencies.summary());
		if (jdbcUrl != null) {
			try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword)) {
				long waitStarted = System.nanoTime();
				int stored;
				do {
					Thread.sleep(200);
					stored = count(db, "SELECT count(*) FROM message_status WHERE message_id LIKE '" + prefix + "%'");
				}
				while (stored < total + Math.min(2_000, total) && System.nanoTime() - waitStarted < 120e9);
				double all = (System.nanoTime() - started) / 1e9;
				out("store applied all %d events %.1f s after the first post (%.0f events/s end to end)%n", stored, all,
						stored / all);
			}
		}
	}

	/**
	 * Publishes {@code total} status events straight to the topic (REQUESTED then
	 * DELIVERED or UNDELIVERED for half as many texts, to 1,000 recipients in 10
	 * campaigns) and measures how fast the store applies them: history, current status,
	 * counters and summaries.
	 */
	@SuppressWarnings("unchecked")
	private void projection(ConfigurableApplicationContext service, int total, String jdbcUrl, String jdbcUser,
			String jdbcPassword) throws Exception {
		KafkaTemplate<String, SpecificRecord> kafka = service.getBean(KafkaTemplate.class);
		String prefix = "proj-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		int texts = total / 2;
		out("%n== Store projection: %d status events (%d texts, 1000 recipients, 10 campaigns) published at once",
				total, texts);
		long started = System.nanoTime();
		List<CompletableFuture<?>> sends = new ArrayList<>();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (int i = 0; i < texts; i++) {
			String id = prefix + i;
			sends.add(kafka.send(Topics.DELIVERY_STATUS, id,
					DeliveryStatus.newBuilder()
						.setEventId(id + ":REQUESTED")
						.setMessageId(id)
						.setAccountId(ACCOUNT)
						.setCampaignId(prefix + "c" + (i % 10))
						.setRecipient(recipient(i % 1000))
						.setStatus(MessageStatus.REQUESTED)
						.setOccurredAt(now)
						.setSource(StatusSource.CAMPAIGN)
						.setAttributes(Map.of())
						.build()));
			MessageStatus outcome = (i % 20 == 0) ? MessageStatus.UNDELIVERED : MessageStatus.DELIVERED;
			sends.add(kafka.send(Topics.DELIVERY_STATUS, id,
					DeliveryStatus.newBuilder()
						.setEventId(id + ":" + outcome)
						.setMessageId(id)
						.setAccountId(ACCOUNT)
						.setStatus(outcome)
						.setOccurredAt(now.plusSeconds(1))
						.setSource(StatusSource.CARRIER_CALLBACK)
						.setAttributes(Map.of())
						.build()));
		}
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
		out("published in %.1f s", (System.nanoTime() - started) / 1e9);
		try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword)) {
			int done;
			do {
				Thread.sleep(200);
				done = count(db, "SELECT count(*) FROM message_status WHERE message_id LIKE '" + prefix
						+ "%' AND status_rank = 7");
			}
			while (done < texts && System.nanoTime() - started < 600e9);
			double seconds = (System.nanoTime() - started) / 1e9;
			out("store applied %d events in %.1f s: %.0f events/s", 2 * done, seconds, 2 * done / seconds);
		}
	}

	private static void post(CarrierCallbacks carrier, IntFunction<CarrierCallbacks.Callback> callback, int total,
			int threads, Latencies latencies) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				clients.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
						CarrierCallbacks.Callback request = callback.apply(i);
						long started = System.nanoTime();
						ApiResponse response = carrier.post(request);
						latencies.add(System.nanoTime() - started);
						if (response.status() != 204) {
							failures.incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> client : clients) {
				client.get();
			}
		}
		finally {
			pool.shutdown();
		}
		if (failures.get() > 0) {
			out("!! %d callbacks were not answered 204%n", failures.get());
		}
	}

	private void queries(String baseUrl, String apiKey, int messages, int repeats, String jdbcUrl, String jdbcUser,
			String jdbcPassword) throws Exception {
		int recipients = Math.max(1, messages / 5);
		int campaigns = Math.max(1, messages / 10_000);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant start = now.minus(Duration.ofDays(30));
		String runId = UUID.randomUUID().toString().substring(0, 8);
		out("%n== Queries: %d texts to %d recipients in %d campaigns over 30 days%n", messages, recipients, campaigns);
		try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword)) {
			long started = System.nanoTime();
			load(db, runId, messages, recipients, campaigns, start);
			out("loaded (COPY, counters, summaries, ANALYZE) in %.1f s; message_status holds %d rows%n",
					(System.nanoTime() - started) / 1e9, count(db, "SELECT count(*) FROM message_status"));
		}
		if (this.options.containsKey("explain")) {
			explain(jdbcUrl, jdbcUser, jdbcPassword, runId, start);
		}
		ApiClient api = ApiClient.withAuthorization("Bearer " + apiKey, baseUrl);
		Map<String, IntFunction<String>> calls = new LinkedHashMap<>();
		calls.put("GET /api/v1/campaigns/{id}/stats",
				(i) -> "/api/v1/campaigns/bench-" + runId + "-c" + this.random.nextInt(campaigns) + "/stats");
		calls.put("GET /api/v1/campaigns?limit=50", (i) -> "/api/v1/campaigns?limit=50");
		calls.put("GET /api/v1/recipients/{e164}/messages",
				(i) -> "/api/v1/recipients/" + encode(recipient(this.random.nextInt(recipients))) + "/messages");
		calls.put("GET /api/v1/recipients?latestStatus=error", (i) -> "/api/v1/recipients?latestStatus=error");
		calls.put("GET /api/v1/recipients?latestStatus=error (page 10)",
				pageOf(api, "/api/v1/recipients?latestStatus=error", 10));
		calls.put("GET /api/v1/recipients?latestStatus=UNDELIVERED",
				(i) -> "/api/v1/recipients?latestStatus=UNDELIVERED");
		calls.put("GET /api/v1/recipients?minFailed=1", (i) -> "/api/v1/recipients?minFailed=1");
		calls.put("GET /api/v1/recipients?minFailed=2", (i) -> "/api/v1/recipients?minFailed=2");
		calls.put("GET /api/v1/messages?status=error&createdFrom&createdTo (one day)", (i) -> {
			Instant from = start.plus(Duration.ofDays(this.random.nextInt(29)));
			return "/api/v1/messages?status=error&createdFrom=" + from + "&createdTo=" + from.plus(Duration.ofDays(1));
		});
		calls.put("GET /api/v1/messages?status=FAILED&createdFrom&createdTo (one day)", (i) -> {
			Instant from = start.plus(Duration.ofDays(this.random.nextInt(29)));
			return "/api/v1/messages?status=FAILED&createdFrom=" + from + "&createdTo=" + from.plus(Duration.ofDays(1));
		});
		calls.put("GET /api/v1/messages?status=error (page 10)", pageOf(api, "/api/v1/messages?status=error", 10));
		calls.put("GET /api/v1/messages/{id}",
				(i) -> "/api/v1/messages/bench-" + runId + "-m" + this.random.nextInt(messages));
		for (Map.Entry<String, IntFunction<String>> call : calls.entrySet()) {
			for (int i = 0; i < 20; i++) {
				check(api.get(call.getValue().apply(i)), call.getKey()); // warm-up
			}
			Latencies latencies = new Latencies();
			for (int i = 0; i < repeats; i++) {
				String path = call.getValue().apply(i);
				long started = System.nanoTime();
				ApiResponse response = api.get(path);
				latencies.add(System.nanoTime() - started);
				check(response, call.getKey());
			}
			out("%-66s %s%n", call.getKey(), latencies.summary());
		}
	}

	/**
	 * Prints PostgreSQL's plan of each query shape the API runs (the same SQL, with the
	 * benchmark's values), to show which index answers it.
	 */
	private static void explain(String jdbcUrl, String jdbcUser, String jdbcPassword, String runId, Instant start)
			throws SQLException {
		String day = "'" + start.plus(Duration.ofDays(10)) + "'";
		String nextDay = "'" + start.plus(Duration.ofDays(11)) + "'";
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("messages?status=error&createdFrom&createdTo",
				"SELECT message_id FROM message_status WHERE account_id = 'bench' AND bucket = 'error'"
						+ " AND created_at >= " + day + " AND created_at < " + nextDay
						+ " ORDER BY created_at DESC, message_id DESC LIMIT 51");
		queries.put("messages?status=FAILED (page after a cursor)",
				"SELECT message_id FROM message_status WHERE account_id = 'bench' AND bucket = 'error'"
						+ " AND status = 'FAILED' AND (created_at, message_id) < (" + nextDay + ", 'x')"
						+ " ORDER BY created_at DESC, message_id DESC LIMIT 51");
		queries.put("recipients/{e164}/messages",
				"SELECT message_id FROM message_status WHERE account_id = 'bench' AND recipient = '" + recipient(42)
						+ "' ORDER BY created_at DESC, message_id DESC LIMIT 51");
		String recipients = "SELECT r.recipient, m.carrier_error_code FROM recipient_summary r"
				+ " LEFT JOIN message_status m ON m.message_id = r.latest_message_id"
				+ " WHERE r.account_id = 'bench' AND r.latest_created_at IS NOT NULL AND ";
		queries.put("recipients?latestStatus=error",
				recipients + "r.latest_bucket = 'error' ORDER BY r.latest_created_at DESC, r.recipient DESC LIMIT 51");
		queries.put("recipients?minFailed=2", recipients + "r.failed_count > 0 AND r.failed_count >= 2"
				+ " ORDER BY r.latest_created_at DESC, r.recipient DESC LIMIT 51");
		queries.put("campaigns/{id}/stats",
				"SELECT * FROM campaign_counters WHERE account_id = 'bench' AND campaign_id = 'bench-" + runId
						+ "-c7'");
		queries.put("campaigns?limit=50", "SELECT * FROM campaign_counters WHERE account_id = 'bench'"
				+ " ORDER BY created_at DESC, campaign_id DESC LIMIT 51");
		queries.put("ageing claim",
				"SELECT message_id FROM message_status WHERE status IN ('SUBMITTED', 'SENT') AND aged_at IS NULL"
						+ " AND updated_at < now() - interval '48 hours' ORDER BY updated_at LIMIT 500");
		try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
				Statement statement = db.createStatement()) {
			for (Map.Entry<String, String> query : queries.entrySet()) {
				out("%n-- plan of %s", query.getKey());
				try (var plan = statement.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) " + query.getValue())) {
					while (plan.next()) {
						out("   %s", plan.getString(1));
					}
				}
			}
		}
	}

	/** The path of page {@code page} of a list, found by following its cursors once. */
	private static IntFunction<String> pageOf(ApiClient api, String path, int page) {
		String next = null;
		for (int i = 1; i < page; i++) {
			ApiResponse response = api.get(path + ((next != null) ? "&cursor=" + next : ""));
			next = response.json("$.next");
			if (next == null) {
				break;
			}
		}
		String cursor = next;
		return (i) -> path + ((cursor != null) ? "&cursor=" + cursor : "");
	}

	private static void check(ApiResponse response, String call) {
		if (response.status() != 200) {
			throw new IllegalStateException(call + " answered " + response.status() + ": " + response.body());
		}
	}

	/**
	 * Loads the texts with COPY, then derives the counters and summaries the projector
	 * would have kept, with the same SQL as migration V3's backfill.
	 */
	private void load(Connection db, String runId, int messages, int recipients, int campaigns, Instant start)
			throws SQLException, IOException {
		CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
		String[][] outcomes = { { "DELIVERED", "delivered", "7" }, { "UNDELIVERED", "error", "7" },
				{ "FAILED", "error", "7" }, { "REJECTED", "error", "7" }, { "EXPIRED", "error", "7" },
				{ "SENT", "outbox", "5" }, { "SUBMITTED", "outbox", "4" },
				{ "DELIVERY_UNKNOWN", "delivery_unknown", "6" }, { "QUEUED", "in_queue", "3" },
				{ "CANCELED", "canceled", "7" }, { "CANCELED", "deleted", "7" } };
		// Per mille: 850 delivered, 30 undelivered, 10 failed, 15 rejected, 5 expired, 25
		// sent,
		// 15 submitted, 20 delivery unknown, 20 queued, 7 canceled, 3 deleted.
		int[] weights = { 850, 30, 10, 15, 5, 25, 15, 20, 20, 7, 3 };
		long spanMillis = Duration.ofDays(30).toMillis();
		int chunk = 100_000;
		for (int from = 0; from < messages; from += chunk) {
			StringBuilder csv = new StringBuilder(chunk * 200);
			for (int i = from; i < Math.min(messages, from + chunk); i++) {
				int pick = this.random.nextInt(1000);
				int outcome = 0;
				while (pick >= weights[outcome]) {
					pick -= weights[outcome];
					outcome++;
				}
				String[] o = outcomes[outcome];
				Instant created = start.plusMillis((long) i * spanMillis / messages);
				Instant updated = created.plusSeconds(2 + this.random.nextInt(30));
				boolean submitted = !o[1].equals("in_queue") && !o[0].equals("REJECTED") && !o[0].equals("CANCELED");
				String error = o[0].equals("UNDELIVERED") ? "30008" : o[0].equals("FAILED") ? "21614" : "";
				String reason = o[1].equals("deleted") ? "LEAD_DELETED" : o[0].equals("REJECTED") ? "OPTED_OUT" : "";
				csv.append("bench-")
					.append(runId)
					.append("-m")
					.append(i)
					.append(',')
					.append(ACCOUNT)
					.append(',')
					.append("bench-")
					.append(runId)
					.append("-c")
					.append(i % campaigns)
					.append(',')
					.append(recipient(this.random.nextInt(recipients)))
					.append(',')
					.append("+15005550006,")
					.append(o[0])
					.append(',')
					.append(o[2])
					.append(',')
					.append(o[1])
					.append(',')
					.append(reason)
					.append(',')
					.append(error)
					.append(',')
					.append(error.isEmpty() ? "" : "Unknown error")
					.append(',')
					.append(ts(created))
					.append(',')
					.append(ts(updated))
					.append(',')
					.append(submitted ? ts(created.plusSeconds(1)) : "")
					.append(',')
					.append(submitted ? ts(created.plusSeconds(2)) : "")
					.append('\n');
			}
			copy.copyIn("""
					COPY message_status (message_id, account_id, campaign_id, recipient, sender, status, status_rank,
					    bucket, reason_code, carrier_error_code, carrier_error_description, created_at, updated_at,
					    submitted_at, last_submitted_at)
					FROM STDIN WITH (FORMAT csv)""", new StringReader(csv.toString()));
		}
		try (Statement statement = db.createStatement()) {
			statement.execute(
					"""
							INSERT INTO campaign_counters (account_id, campaign_id, in_queue, outbox, delivered, error,
							    delivery_unknown, canceled, deleted, first_submitted_at, last_submitted_at, created_at)
							SELECT account_id, campaign_id,
							    count(*) FILTER (WHERE bucket = 'in_queue'), count(*) FILTER (WHERE bucket = 'outbox'),
							    count(*) FILTER (WHERE bucket = 'delivered'), count(*) FILTER (WHERE bucket = 'error'),
							    count(*) FILTER (WHERE bucket = 'delivery_unknown'), count(*) FILTER (WHERE bucket = 'canceled'),
							    count(*) FILTER (WHERE bucket = 'deleted'), min(submitted_at), max(last_submitted_at),
							    min(created_at)
							FROM message_status WHERE account_id = '%s' AND campaign_id LIKE 'bench-%s-%%'
							GROUP BY account_id, campaign_id
							ON CONFLICT (account_id, campaign_id) DO NOTHING"""
						.formatted(ACCOUNT, runId));
			statement.execute("""
					INSERT INTO recipient_summary (account_id, recipient, message_count, failed_count,
					    latest_message_id, latest_status, latest_bucket, latest_created_at)
					SELECT counted.account_id, counted.recipient, counted.messages, counted.failed, latest.message_id,
					    latest.status, latest.bucket, latest.created_at
					FROM (SELECT account_id, recipient, count(*) AS messages,
					          count(*) FILTER (WHERE bucket = 'error') AS failed
					      FROM message_status WHERE account_id = '%1$s' GROUP BY account_id, recipient) counted
					JOIN (SELECT DISTINCT ON (account_id, recipient) account_id, recipient, message_id, status, bucket,
					          created_at
					      FROM message_status WHERE account_id = '%1$s'
					      ORDER BY account_id, recipient, created_at DESC, message_id DESC) latest
					    ON latest.account_id = counted.account_id AND latest.recipient = counted.recipient
					ON CONFLICT (account_id, recipient) DO UPDATE SET message_count = EXCLUDED.message_count,
					    failed_count = EXCLUDED.failed_count, latest_message_id = EXCLUDED.latest_message_id,
					    latest_status = EXCLUDED.latest_status, latest_bucket = EXCLUDED.latest_bucket,
					    latest_created_at = EXCLUDED.latest_created_at""".formatted(ACCOUNT));
			statement.execute("ANALYZE message_status");
			statement.execute("ANALYZE campaign_counters");
			statement.execute("ANALYZE recipient_summary");
		}
	}

	private static String recipient(int n) {
		return "+1415" + String.format("%07d", 2_000_000 + n);
	}

	private static String ts(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static int count(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Prints a result line, and appends it to target/status-benchmark.txt (the console
	 * also carries the embedded infrastructure's logs).
	 */
	private static void out(String format, Object... args) {
		String line = String.format(format.replaceAll("%n$", ""), args);
		System.out.println(line);
		try {
			Files.writeString(RESULTS, line + System.lineSeparator(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path resultsFile() {
		try {
			Path testClasses = Path
				.of(StatusBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return testClasses.getParent().resolve("status-benchmark.txt");
		}
		catch (java.net.URISyntaxException | RuntimeException ex) {
			return Path.of("status-benchmark.txt");
		}
	}

	private int intOption(String name, int fallback) {
		String value = this.options.get(name);
		return (value != null) ? Integer.parseInt(value.replace("_", "")) : fallback;
	}

}
