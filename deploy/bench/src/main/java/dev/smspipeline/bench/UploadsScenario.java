package dev.smspipeline.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smspipeline.stackclient.StackHttp;

/**
 * {@code --scenario uploads} (issue 17, item 5, "no tenant can exhaust a shared
 * resource"): {@code --upload-clients} clients of the {@code demo} account each upload a
 * CSV to a DRAFT of their own at one line every {@code --line-every}, for
 * {@code --duration}, while the {@code bench} account requests one-off texts every
 * {@code --gap} (open loop: a slow answer does not delay the next request). A client
 * refused with 429 waits its {@code Retry-After} and tries again, as a persistent client
 * would. Reports the one-off requests' latency (request to answer) p50/p99/max against
 * the 250 ms target, the one-offs that failed, and how the uploads were answered.
 */
final class UploadsScenario {

	static final double TARGET_P99_MS = 250;

	private final ScenarioBenchmark bench;

	private final ScenarioOptions options;

	UploadsScenario(ScenarioBenchmark bench) {
		this.bench = bench;
		this.options = bench.options;
	}

	ScenarioResult run() throws Exception {
		String demoKey = this.options.apiKey();
		CampaignApi demo = new CampaignApi(this.options.campaignUrl, this.options.statusUrl, demoKey);
		CampaignApi other;
		try {
			other = new CampaignApi(this.options.campaignUrl, this.options.statusUrl, this.options.benchApiKey());
		}
		catch (IOException ex) {
			throw new IllegalStateException("no bench API key in " + this.options.stateDir, ex);
		}
		this.bench.begin("slow CSV uploads of one account beside another's one-offs (issue 17)");
		int clients = this.options.uploadClients;
		long lineEvery = this.options.lineEvery.toMillis();
		long duration = this.options.duration.toMillis();
		ScenarioBenchmark.progress("Creating " + clients + " DRAFT campaigns of the demo account ...");
		List<String> drafts = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			drafts.add(demo.createDraft("issue17-uploads-" + this.bench.runId + "-" + i));
		}
		int linesPerClient = (int) (duration / Math.max(1, lineEvery)) + 2;
		List<String> numbers = ScenarioBenchmark.numbers(ScenarioBenchmark.CAMPAIGN, clients * linesPerClient);
		long gap = Math.max(1, this.options.gap.toMillis());
		int oneOffCount = (int) (duration / gap) + 1;
		List<String> recipients = ScenarioBenchmark.numbers(ScenarioBenchmark.ONE_OFFS, oneOffCount);

		long start = System.currentTimeMillis();
		long end = start + duration;
		ExecutorService uploaders = Executors.newFixedThreadPool(clients);
		List<Future<List<PacedUpload.Answer>>> uploads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Iterator<String> lines = numbers.subList(i * linesPerClient, (i + 1) * linesPerClient).iterator();
			String draft = drafts.get(i);
			uploads.add(uploaders.submit(() -> client(demoKey, draft, lines, lineEvery, end)));
		}
		ScenarioBenchmark.progress(String.format(Locale.ROOT,
				"%d upload clients started, one line every %.1f s for %.0f s; one-offs of the bench account every %d ms",
				clients, lineEvery / 1000.0, duration / 1000.0, gap));

		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		Map<String, Integer> failures = Collections.synchronizedMap(new TreeMap<>());
		ExecutorService senders = Executors.newFixedThreadPool(16);
		for (int i = 0; i < oneOffCount; i++) {
			long due = start + i * gap;
			long wait = due - System.currentTimeMillis();
			if (wait > 0) {
				Thread.sleep(wait);
			}
			if (System.currentTimeMillis() >= end) {
				break;
			}
			String recipient = recipients.get(i);
			senders.submit(() -> {
				long sent = System.nanoTime();
				try {
					other.sendOneOff(recipient);
					latencies.add((System.nanoTime() - sent) / 1e6);
				}
				catch (StackHttp.HttpFailure ex) {
					failures.merge(reason(ex), 1, Integer::sum);
				}
			});
		}
		senders.shutdown();
		senders.awaitTermination(2, TimeUnit.MINUTES);

		Map<String, Integer> answers = new TreeMap<>();
		int accepted = 0;
		long rows = 0;
		for (Future<List<PacedUpload.Answer>> upload : uploads) {
			for (PacedUpload.Answer answer : upload.get()) {
				answers.merge(answer.status() + (answer.early() ? " before the body ended" : ""), 1, Integer::sum);
				if (answer.status() == 200) {
					accepted++;
					rows += Math.max(0, answer.rows());
				}
			}
		}
		uploaders.shutdown();

		double[] samples = latencies.stream().mapToDouble(Double::doubleValue).toArray();
		Percentiles figures = Percentiles.of(samples);
		int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
		boolean met = figures.count() > 0 && figures.p99() <= TARGET_P99_MS && failed == 0;
		this.bench.out(String.format(Locale.ROOT, "Uploads: %d clients, answers %s; %d uploads taken (%,d rows)",
				clients, answers, accepted, rows));
		this.bench.out(String.format(Locale.ROOT, "One-off requests of the bench account: %s; failed: %d %s",
				figures.describe().replace(" texts)", " requests)"), failed, failures.isEmpty() ? "" : failures));
		this.bench.out(String.format(Locale.ROOT, "One-off request p99 %.1f ms, max %.1f ms; target p99 <= %.0f ms: %s",
				figures.p99(), figures.max(), TARGET_P99_MS, ScenarioBenchmark.verdict(met)));
		return new ScenarioResult("uploads").put("upload_clients", clients)
			.put("line_every_s", lineEvery / 1000.0, 1)
			.put("duration_s", duration / 1000.0, 0)
			.put("uploads_taken", accepted)
			.put("one_offs", figures.count())
			.put("one_offs_failed", failed)
			.put("one_off_p50_ms", figures.p50(), 1)
			.put("one_off_p99_ms", figures.p99(), 1)
			.put("one_off_max_ms", figures.max(), 1)
			.put("met", met);
	}

	/**
	 * One upload client: uploads until {@code end}, trying again after each refusal's
	 * {@code Retry-After}.
	 */
	private List<PacedUpload.Answer> client(String apiKey, String draft, Iterator<String> lines, long lineEvery,
			long end) throws InterruptedException {
		List<PacedUpload.Answer> answers = new ArrayList<>();
		AtomicInteger errors = new AtomicInteger();
		while (System.currentTimeMillis() < end) {
			PacedUpload.Answer answer;
			try {
				answer = PacedUpload.send(this.options.campaignUrl, apiKey, draft, lines, lineEvery, end);
			}
			catch (IOException ex) {
				answer = new PacedUpload.Answer(0, 0, -1, 0, true);
				if (errors.incrementAndGet() > 100) {
					throw new IllegalStateException("uploads to " + draft + " keep failing: " + ex, ex);
				}
			}
			answers.add(answer);
			if (answer.status() == 200 || !answer.early()) {
				break;
			}
			Thread.sleep(Math.max(1000, answer.retryAfterSeconds() * 1000));
		}
		return answers;
	}

	private static String reason(StackHttp.HttpFailure failure) {
		String message = String.valueOf(failure.getMessage());
		int answered = message.indexOf(" answered ");
		return (answered >= 0) ? message.substring(answered + 10, Math.min(message.length(), answered + 13))
				: "no answer";
	}

}
