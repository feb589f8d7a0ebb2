package dev.smspipeline.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.smspipeline.stackclient.StackHttp;

/**
 * {@code --scenario priority}: the demo account activates a campaign of {@code --leads}
 * fresh numbers; {@code --after} into it, {@code --one-offs} one-off (transactional)
 * texts to fresh numbers are requested over REST {@code --gap} apart, one after another.
 * Reports their wait from the moment the request was sent to the simulator's accept of
 * the text (median, p90, max), and the campaign's throughput at the carrier (first to
 * last accepted campaign text) and time from activation to SENT. {@code --alone} runs the
 * campaign without one-offs, for the throughput baseline.
 * <p>
 * Targets (issue 16): one-offs median ≤ 0.5 s and max ≤ 2 s; campaign throughput within
 * 10 % of the campaign alone.
 */
final class PriorityScenario {

	static final double MEDIAN_TARGET_MS = 500;

	static final double MAX_TARGET_MS = 2000;

	static final double THROUGHPUT_TOLERANCE = 0.10;

	private final ScenarioBenchmark bench;

	private final ScenarioOptions options;

	PriorityScenario(ScenarioBenchmark bench) {
		this.bench = bench;
		this.options = bench.options;
	}

	ScenarioResult run() throws Exception {
		this.bench.begin(this.options.alone ? "a campaign alone (priority baseline)"
				: "one-off texts during a campaign (priority)");
		CampaignApi api = new CampaignApi(this.options.campaignUrl, this.options.statusUrl, this.options.apiKey());
		List<String> leads = ScenarioBenchmark.numbers(ScenarioBenchmark.CAMPAIGN, this.options.leads);
		int oneOffCount = this.options.alone ? 0 : this.options.oneOffs;
		List<String> oneOffs = ScenarioBenchmark.numbers(ScenarioBenchmark.ONE_OFFS, oneOffCount);

		ScenarioBenchmark.progress("Creating a campaign of " + leads.size() + " recipients ...");
		String id = api.create("issue16-priority-" + this.bench.runId, leads);
		long activateSent = System.currentTimeMillis();
		api.activate(id);
		long activated = System.currentTimeMillis();
		ScenarioBenchmark.progress("Campaign " + id + " activated");

		long[] sentAt = new long[oneOffCount];
		String[] failures = new String[oneOffCount];
		Thread sender = new Thread(() -> sendOneOffs(api, oneOffs, activated, sentAt, failures), "one-offs");
		sender.setDaemon(true);
		sender.start();
		ScenarioBenchmark.Seen settled = this.bench.awaitSettled("campaign", () -> api.view(id));
		sender.join();
		Thread.sleep(2000); // the last one-off, if sent after the campaign finished

		Set<String> leadSet = ScenarioBenchmark.set(leads);
		AtCarrier campaign = AtCarrier.of(this.bench.carrierEntries(leadSet), leadSet);
		Set<String> oneOffSet = ScenarioBenchmark.set(oneOffs);
		AtCarrier oneOffsAtCarrier = AtCarrier.of(this.bench.carrierEntries(oneOffSet), oneOffSet);

		CampaignApi.View view = settled.view();
		this.bench.out(String.format(Locale.ROOT, "Campaign %s: %,d texts, activated %s (answer after %d ms), %s", id,
				leads.size(), ScenarioBenchmark.clock(activated), activated - activateSent, view.describe()));
		double throughput = campaign.perSecond();
		double activateToSent = ScenarioBenchmark.seconds(view.activatedAt(), view.sentAt());
		this.bench.out(String.format(Locale.ROOT,
				"  at the carrier: %,d of %,d; throughput %,.1f texts/s (first to last accepted, %.1f s); "
						+ "activate -> first %.1f s, -> last %.1f s",
				campaign.count(), leads.size(), throughput,
				ScenarioBenchmark.seconds(campaign.first(), campaign.last()),
				ScenarioBenchmark.seconds(activated, campaign.first()),
				ScenarioBenchmark.seconds(activated, campaign.last())));
		this.bench.out(String.format(Locale.ROOT,
				"  activate -> SENT: %.1f s (campaign-service's activatedAt to sentAt; seen by polling after %.1f s)",
				activateToSent, ScenarioBenchmark.seconds(activated, settled.seenAt())));

		double[] waits = new double[0];
		int missing = 0;
		int failed = 0;
		if (oneOffCount > 0) {
			double[] collected = new double[oneOffCount];
			int n = 0;
			for (int i = 0; i < oneOffCount; i++) {
				Long accepted = oneOffsAtCarrier.firstAcceptByRecipient().get(oneOffs.get(i));
				if (failures[i] != null) {
					failed++;
				}
				else if (accepted == null) {
					missing++;
				}
				else {
					collected[n++] = accepted - sentAt[i];
				}
			}
			waits = Arrays.copyOf(collected, n);
			Arrays.sort(waits);
			long inCampaign = Arrays.stream(sentAt)
				.filter((at) -> at != 0 && campaign.last() != 0 && at <= campaign.last())
				.count();
			this.bench.out("");
			this.bench.out(String.format(Locale.ROOT,
					"One-off texts: %d requested %.1f s after activation, %d ms apart, %d while campaign texts were "
							+ "still reaching the carrier; %d at the carrier, %d missing, %d requests failed",
					oneOffCount, this.options.after.toMillis() / 1000.0, this.options.gap.toMillis(), inCampaign, n,
					missing, failed));
			for (int i = 0; i < oneOffCount; i++) {
				if (failures[i] != null) {
					this.bench.out("  request " + (i + 1) + " failed: " + failures[i]);
				}
			}
			if (waits.length > 0) {
				double median = Percentiles.rank(waits, 50);
				double p90 = Percentiles.rank(waits, 90);
				double max = waits[waits.length - 1];
				this.bench.out(String.format(Locale.ROOT,
						"  wait, request sent -> accepted at the carrier: median %.0f ms, p90 %.0f ms, max %.0f ms",
						median, p90, max));
				boolean met = median <= MEDIAN_TARGET_MS && max <= MAX_TARGET_MS && missing == 0 && failed == 0;
				this.bench
					.out(String.format(Locale.ROOT, "  target: median <= %.0f ms and max <= %.0f ms, none missing: %s",
							MEDIAN_TARGET_MS, MAX_TARGET_MS, ScenarioBenchmark.verdict(met)));
			}
		}
		double share = Double.NaN;
		if (!Double.isNaN(this.options.aloneThroughput) && this.options.aloneThroughput > 0) {
			share = throughput / this.options.aloneThroughput;
			this.bench.out(String.format(Locale.ROOT,
					"Throughput against the campaign alone (%,.1f texts/s): %.1f %%; target within %.0f %%: %s",
					this.options.aloneThroughput, share * 100, THROUGHPUT_TOLERANCE * 100,
					ScenarioBenchmark.verdict(Math.abs(share - 1) <= THROUGHPUT_TOLERANCE)));
		}
		else if (!this.options.alone) {
			this.bench.out("Throughput target: within " + (int) (THROUGHPUT_TOLERANCE * 100)
					+ " % of the same campaign alone; run with --alone (same --leads) and pass its figure as "
					+ "--alone-throughput to compare");
		}

		ScenarioResult result = new ScenarioResult("priority").put("leads", leads.size())
			.put("alone", this.options.alone)
			.put("campaign_at_carrier", campaign.count())
			.put("campaign_msg_s", throughput, 1)
			.put("activate_to_last_s", ScenarioBenchmark.seconds(activated, campaign.last()), 1)
			.put("activate_to_sent_s", activateToSent, 1)
			.put("one_offs", oneOffCount)
			.put("one_off_median_ms", (waits.length > 0) ? Percentiles.rank(waits, 50) : Double.NaN, 0)
			.put("one_off_p90_ms", (waits.length > 0) ? Percentiles.rank(waits, 90) : Double.NaN, 0)
			.put("one_off_max_ms", (waits.length > 0) ? waits[waits.length - 1] : Double.NaN, 0)
			.put("one_off_missing", missing + failed);
		return result.put("throughput_vs_alone", share, 3);
	}

	/**
	 * Requests the one-offs on schedule: the first {@code --after} past activation, then
	 * one every {@code --gap} (or at once after the previous answer, when that came
	 * later). The wait is counted from just before each request is sent.
	 */
	private void sendOneOffs(CampaignApi api, List<String> oneOffs, long activated, long[] sentAt, String[] failures) {
		long first = activated + this.options.after.toMillis();
		try {
			for (int i = 0; i < oneOffs.size(); i++) {
				long due = first + i * this.options.gap.toMillis();
				long wait = due - System.currentTimeMillis();
				if (wait > 0) {
					Thread.sleep(wait);
				}
				sentAt[i] = System.currentTimeMillis();
				try {
					api.sendOneOff(oneOffs.get(i));
				}
				catch (StackHttp.HttpFailure ex) {
					failures[i] = ex.getMessage();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
