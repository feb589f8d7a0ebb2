package dev.smspipeline.campaign.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

/**
 * Uploads a large CSV audience to a running campaign-service, activates the campaign and
 * reports rows per second and the service's peak heap. A program, not a test: see
 * {@code docs/benchmarks.md} for the command and the figures.
 *
 * <p>
 * Arguments ({@code --name value}): {@code --url} (default
 * {@code http://localhost:8081}), {@code --management-url} (where its heap is scraped,
 * {@code /actuator/prometheus}; default {@code http://localhost:9081}), {@code --api-key}
 * (or {@code --api-key-file}), {@code --rows} (default 1,000,000), {@code --csv} (file to
 * write and upload, default {@code target/bench-audience.csv}; reused when it exists with
 * the right row count). The campaign sends at a local time twelve hours away, so
 * processing creates and holds every text without releasing any.
 */
public final class CampaignUploadBenchmark {

	private static final Pattern HEAP_USED = Pattern
		.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+([0-9.eE+]+)", Pattern.MULTILINE);

	private static final String[] AREA_CODES = { "212", "312", "213", "415", "617", "305", "206", "303", "404", "512" };

	private static final String[] ZONES = { "America/New_York", "America/Chicago", "America/Los_Angeles" };

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String url;

	private final String managementUrl;

	private final String apiKey;

	private final AtomicLong peakHeap = new AtomicLong();

	private volatile boolean sampling = true;

	private CampaignUploadBenchmark(String url, String managementUrl, String apiKey) {
		this.url = url;
		this.managementUrl = managementUrl;
		this.apiKey = apiKey;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String apiKey = options.containsKey("api-key-file")
				? Files.readString(Path.of(options.get("api-key-file"))).trim() : options.get("api-key");
		if (apiKey == null) {
			throw new IllegalArgumentException("Give --api-key or --api-key-file");
		}
		int rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
		Path csv = Path.of(options.getOrDefault("csv", "target/bench-audience.csv"));
		new CampaignUploadBenchmark(options.getOrDefault("url", "http://localhost:8081"),
				options.getOrDefault("management-url", "http://localhost:9081"), apiKey)
			.run(rows, csv);
	}

	private void run(int rows, Path csv) throws Exception {
		generate(csv, rows);
		Thread sampler = new Thread(this::sample, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();

		String localTime = String.format("%02d:00", (java.time.LocalTime.now().getHour() + 12) % 24);
		String created = send(HttpRequest.newBuilder(URI.create(this.url + "/api/v1/campaigns"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"name": "Benchmark %s", "body": "Hi {{firstName}}, our spring sale starts today",
					 "sendAtLocalTime": "%s", "quietHours": {"enabled": false}}""".formatted(Instant.now(),
					localTime))),
				201);
		String id = JsonPath.read(created, "$.id");

		long uploadStart = System.nanoTime();
		String report = send(HttpRequest.newBuilder(URI.create(this.url + "/api/v1/campaigns/" + id + "/audience"))
			.header("Content-Type", "text/csv")
			.timeout(Duration.ofMinutes(30))
			.POST(HttpRequest.BodyPublishers.ofFile(csv)), 200);
		double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;
		long peakDuringUpload = this.peakHeap.get();

		long activateStart = System.nanoTime();
		send(HttpRequest.newBuilder(URI.create(this.url + "/api/v1/campaigns/" + id + "/activate"))
			.POST(HttpRequest.BodyPublishers.noBody()), 200);
		String status = "SCHEDULED";
		while (!status.equals("SENDING") && !status.equals("FAILED")) {
			Thread.sleep(500);
			status = JsonPath.read(
					send(HttpRequest.newBuilder(URI.create(this.url + "/api/v1/campaigns/" + id)).GET(), 200),
					"$.status");
			if (System.nanoTime() - activateStart > Duration.ofMinutes(30).toNanos()) {
				throw new IllegalStateException("Processing took over 30 minutes");
			}
		}
		double processingSeconds = (System.nanoTime() - activateStart) / 1e9;
		String campaign = send(HttpRequest.newBuilder(URI.create(this.url + "/api/v1/campaigns/" + id)).GET(), 200);
		this.sampling = false;

		long added = ((Number) JsonPath.read(report, "$.added")).longValue();
		long held = ((Number) JsonPath.read(campaign, "$.counts.inQueue")).longValue();
		System.out.printf("""
				campaign            %s (%s)
				rows uploaded       %d (added %d, duplicates %s, broken %s)
				upload              %.1f s, %.0f rows/s
				peak heap (upload)  %.0f MB
				activate→SENDING    %.1f s, %.0f texts/s scheduled (%d held)
				peak heap (overall) %.0f MB
				date                %s
				cores               %d
				""", id, status, rows, added, JsonPath.read(report, "$.duplicates").toString(),
				JsonPath.read(report, "$.brokenRows").toString(), uploadSeconds, rows / uploadSeconds,
				peakDuringUpload / 1e6, processingSeconds, held / processingSeconds, held, this.peakHeap.get() / 1e6,
				LocalDate.now(), Runtime.getRuntime().availableProcessors());
	}

	private static void generate(Path csv, int rows) throws IOException {
		if (Files.exists(csv)) {
			try (var lines = Files.lines(csv)) {
				if (lines.count() == rows + 1L) {
					return;
				}
			}
		}
		Files.createDirectories(csv.toAbsolutePath().getParent());
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("phone,timezone,firstName,lastName,leadId\n");
			for (int i = 0; i < rows; i++) {
				int exchange = 200 + (i / 10_000) % 700;
				if (exchange % 100 == 11) {
					exchange++;
				}
				String area = AREA_CODES[(i / 7_000_000) % AREA_CODES.length];
				String zone = (i % 10 == 0) ? ZONES[i % 3] : "";
				out.write("+1" + area + exchange + String.format("%04d", i % 10_000) + "," + zone + ",First" + i
						+ ",Last" + i + ",lead-" + i + "\n");
			}
		}
	}

	private void sample() {
		while (this.sampling) {
			try {
				String metrics = send(
						HttpRequest.newBuilder(URI.create(this.managementUrl + "/actuator/prometheus")).GET(), 200);
				Matcher matcher = HEAP_USED.matcher(metrics);
				long used = 0;
				while (matcher.find()) {
					used += (long) Double.parseDouble(matcher.group(1));
				}
				this.peakHeap.accumulateAndGet(used, Math::max);
				Thread.sleep(200);
			}
			catch (Exception ex) {
				// Keep sampling.
			}
		}
	}

	private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.header("Authorization", "Bearer " + this.apiKey).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

}
