package dev.smspipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The carrier simulator's own accept rate: create-message requests straight to it (basic
 * auth, form fields as dispatch sends them, no status callback, every request to its own
 * number so the per-number rule never answers 429) from {@value #CONNECTIONS} threads,
 * each on its own keep-alive connection. The figure is accepted creates (201) per second.
 */
final class CarrierCeiling {

	static final int CONNECTIONS = 16;

	private CarrierCeiling() {
	}

	static Result run(BenchOptions options, String accountSid, String authToken, int creates, String runId)
			throws InterruptedException {
		URI base = URI.create(options.carrierUrl);
		String path = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
		String headers = "Authorization: Basic "
				+ Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8))
				+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n";
		AtomicInteger next = new AtomicInteger();
		AtomicInteger accepted = new AtomicInteger();
		AtomicInteger other = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		for (int t = 0; t < CONNECTIONS; t++) {
			Thread thread = new Thread(() -> {
				try (PlainHttp http = new PlainHttp(base)) {
					for (int i = next.getAndIncrement(); i < creates; i = next.getAndIncrement()) {
						byte[] form = ("To=" + encode(NumberPool.CARRIER_CEILING.number(i)) + "&From="
								+ encode("+15005550006") + "&Body="
								+ encode("Bench " + runId + " carrier ceiling " + i))
							.getBytes(StandardCharsets.UTF_8);
						try {
							if (http.post(path, headers, form).status() == 201) {
								accepted.incrementAndGet();
							}
							else {
								other.incrementAndGet();
							}
						}
						catch (IOException ex) {
							other.incrementAndGet();
						}
					}
				}
			}, "bench-carrier-ceiling-" + t);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(creates, accepted.get(), other.get(), accepted.get() / seconds);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * @param creates creates sent
	 * @param accepted answered 201
	 * @param other answered otherwise, or failed
	 * @param perSecond accepted creates per second
	 */
	record Result(int creates, int accepted, int other, double perSecond) {
	}

}
