package dev.smspipeline.simulator.callback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

import dev.smspipeline.simulator.scenario.Scenario;
import dev.smspipeline.twilio.TwilioSignature;

/**
 * Measures the CPU cost and throughput of {@link CallbackDispatcher}: schedules the
 * status callbacks (sent, delivered: the default scenario) of N messages at once and
 * waits until every one was posted to a trivial receiver answering 204. The receiver runs
 * in a child JVM, so the CPU time measured here is the simulator side only (dispatcher
 * threads, JIT and GC included). Not a test; run it by hand, with nothing else of yours
 * running:
 *
 * <pre class="code">
 * ./mvnw -q -pl deploy/carrier-simulator test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/sim-cp.txt -Dmdep.includeScope=test
 * java -Xmx512m -XX:+UseSerialGC \
 *     -cp deploy/carrier-simulator/target/test-classes:deploy/carrier-simulator/target/classes:$(cat /tmp/sim-cp.txt) \
 *     dev.smspipeline.simulator.callback.CallbackDispatcherBenchmark [messages] [rounds] [threads] [maxInFlight]
 * </pre>
 *
 * Defaults: 20,000 messages, 5 measured rounds after a warm-up round of 5,000 messages,
 * the simulator's default 2 callback threads and 256 in flight.
 */
public final class CallbackDispatcherBenchmark {

	/** Callbacks the default scenario plans per message (sent, delivered). */
	private static final int CALLBACKS_PER_MESSAGE = StatusCallbacks
		.plan(new StatusCallbacks.MessageFacts("SM0", "AC0", "+15005550006", "+13125550000"), Scenario.delivered(), 0)
		.size();

	private CallbackDispatcherBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("receiver")) {
			Receiver.run();
			return;
		}
		int messages = intArg(args, 0, 20_000);
		int rounds = intArg(args, 1, 5);
		int threads = intArg(args, 2, 2);
		int maxInFlight = intArg(args, 3, 256);
		Process receiver = startReceiver();
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
			int port = Integer.parseInt(out.readLine().strip());
			URI url = URI.create("http://127.0.0.1:" + port + "/webhooks/carrier/status?messageId=01JAB%2Bx");
			System.out.printf(
					"CallbackDispatcher benchmark: %,d messages x %d callbacks, threads=%d, maxInFlight=%d,"
							+ " %d CPUs, java %s%n",
					messages, CALLBACKS_PER_MESSAGE, threads, maxInFlight, Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.version"));
			try (CallbackDispatcher dispatcher = new CallbackDispatcher(threads, maxInFlight,
					new TwilioSignature("0123456789abcdef0123456789abcdef"))) {
				round("warm-up", dispatcher, url, port, 5_000);
				for (int i = 1; i <= rounds; i++) {
					Thread.sleep(1000);
					round("round " + i, dispatcher, url, port, messages);
				}
				System.out.println("simulator-side CPU by thread (whole run, live threads):");
				threadCpu().forEach((name, nanos) -> {
					if (nanos > 50_000_000L) {
						System.out.printf("  %-32s %,8d ms%n", name, nanos / 1_000_000);
					}
				});
			}
		}
		finally {
			receiver.destroy();
		}
	}

	private static void round(String label, CallbackDispatcher dispatcher, URI url, int port, int messages)
			throws Exception {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long expected = (long) CALLBACKS_PER_MESSAGE * messages;
		long doneBefore = dispatcher.postedCount() + dispatcher.givenUpCount();
		long givenUpBefore = dispatcher.givenUpCount();
		receiverReset(port);
		long gcBefore = gcMillis();
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		long startMillis = System.currentTimeMillis();
		Scenario scenario = Scenario.delivered();
		for (int i = 0; i < messages; i++) {
			String sid = String.format("SM%032x", i);
			dispatcher.schedule(url,
					StatusCallbacks.plan(
							new StatusCallbacks.MessageFacts(sid, "AC0123456789abcdef0123456789abcdef", "+15005550006",
									"+1312555" + String.format("%04d", i % 10_000)),
							scenario, System.currentTimeMillis()));
		}
		while (dispatcher.postedCount() + dispatcher.givenUpCount() - doneBefore < expected) {
			Thread.sleep(5);
		}
		long elapsed = System.nanoTime() - start;
		long cpu = os.getProcessCpuTime() - cpuBefore;
		long gc = gcMillis() - gcBefore;
		String delivered = receiverStats(port, startMillis);
		System.out.printf(
				"%-8s %,7d callbacks in %6.2f s = %,6.0f callbacks/s; simulator CPU %,7.0f ms = %5.1f us/callback"
						+ " (GC %,d ms); given up %d; delivered arrived after (ms) %s; load average %s%n",
				label, expected, elapsed / 1e9, expected / (elapsed / 1e9), cpu / 1e6, cpu / 1e3 / expected, gc,
				dispatcher.givenUpCount() - givenUpBefore, delivered, loadAverage());
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
			.sum();
	}

	private static Map<String, Long> threadCpu() {
		ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		Map<String, Long> byName = new TreeMap<>();
		for (long id : bean.getAllThreadIds()) {
			ThreadInfo info = bean.getThreadInfo(id);
			long cpu = bean.getThreadCpuTime(id);
			if (info != null && cpu > 0) {
				byName.merge(info.getThreadName().replaceAll("-\\d+$", "-*"), cpu, Long::sum);
			}
		}
		return byName;
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static Process startReceiver() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// The JDK's HTTP server closes idle connections beyond 200 at once, without
		// telling
		// the client; Tomcat (status-service) keeps them.
		return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-Dsun.net.httpserver.maxIdleConnections=1000",
				"-cp", System.getProperty("java.class.path"), CallbackDispatcherBenchmark.class.getName(), "receiver")
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
	}

	private static void receiverReset(int port) throws Exception {
		get(port, "/reset");
	}

	private static String receiverStats(int port, long startMillis) throws Exception {
		return get(port, "/stats?t0=" + startMillis);
	}

	private static String get(int port, String path) throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path)
			.toURL()
			.openConnection();
		try (InputStream in = connection.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static int intArg(String[] args, int index, int defaultValue) {
		return (args.length > index) ? Integer.parseInt(args[index].replace("_", "")) : defaultValue;
	}

	/**
	 * The receiver: answers every POST with 204 and remembers when each {@code delivered}
	 * callback arrived.
	 */
	static final class Receiver {

		private static final byte[] DELIVERED = "MessageStatus=delivered".getBytes(StandardCharsets.US_ASCII);

		private static long[] arrivals = new long[1 << 20];

		private static final AtomicLong count = new AtomicLong();

		static void run() throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			server.setExecutor(Executors.newFixedThreadPool(4));
			server.createContext("/", (exchange) -> {
				String path = exchange.getRequestURI().getPath();
				if (path.equals("/reset")) {
					count.set(0);
					send(exchange, 200, "");
				}
				else if (path.equals("/stats")) {
					long t0 = Long.parseLong(exchange.getRequestURI().getQuery().substring(3));
					send(exchange, 200, stats(t0));
				}
				else {
					byte[] body = readAll(exchange.getRequestBody());
					if (contains(body, DELIVERED)) {
						long index = count.getAndIncrement();
						if (index < arrivals.length) {
							arrivals[(int) index] = System.currentTimeMillis();
						}
					}
					exchange.sendResponseHeaders(204, -1);
					exchange.close();
				}
			});
			server.start();
			System.out.println(server.getAddress().getPort());
			System.out.flush();
		}

		private static String stats(long t0) {
			int n = (int) Math.min(count.get(), arrivals.length);
			if (n == 0) {
				return "none";
			}
			long[] sorted = Arrays.copyOf(arrivals, n);
			Arrays.sort(sorted);
			return String.format("first %d, p50 %d, p90 %d, last %d", sorted[0] - t0, sorted[n / 2] - t0,
					sorted[(int) (n * 0.9)] - t0, sorted[n - 1] - t0);
		}

		private static byte[] readAll(InputStream in) throws IOException {
			return in.readAllBytes();
		}

		private static boolean contains(byte[] body, byte[] part) {
			outer: for (int i = 0; i <= body.length - part.length; i++) {
				for (int j = 0; j < part.length; j++) {
					if (body[i + j] != part[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}

		private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String text)
				throws IOException {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		}

	}

}
