package dev.smspipeline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.smspipeline.stackclient.StackHttp;

/**
 * {@code --scenario fairness}: the {@code demo} and {@code bench} accounts each create a
 * campaign of {@code --leads} fresh numbers, and both are activated at the same moment
 * (two threads released together). Reports each campaign's time from activation to its
 * last text at the carrier and to SENT, their ratio (target: within 10 %), and how the
 * carrier's accepts were shared while both were sending.
 */
final class FairnessScenario {

	static final double TOLERANCE = 0.10;

	private final ScenarioBenchmark bench;

	private final ScenarioOptions options;

	FairnessScenario(ScenarioBenchmark bench) {
		this.bench = bench;
		this.options = bench.options;
	}

	ScenarioResult run() throws Exception {
		CampaignApi demo = new CampaignApi(this.options.campaignUrl, this.options.statusUrl, this.options.apiKey());
		CampaignApi other = new CampaignApi(this.options.campaignUrl, this.options.statusUrl,
				this.options.benchApiKey());
		this.bench.begin("two accounts' campaigns at once (fairness)");
		List<String> demoLeads = ScenarioBenchmark.numbers(ScenarioBenchmark.CAMPAIGN, this.options.leads);
		List<String> otherLeads = ScenarioBenchmark.numbers(ScenarioBenchmark.OTHER_CAMPAIGN, this.options.leads);
		ScenarioBenchmark.progress("Creating two campaigns of " + this.options.leads + " recipients ...");
		String demoId = demo.create("issue16-fairness-demo-" + this.bench.runId, demoLeads);
		String otherId;
		try {
			otherId = other.create("issue16-fairness-bench-" + this.bench.runId, otherLeads);
		}
		catch (StackHttp.HttpFailure ex) {
			throw new IllegalStateException("the 'bench' account's key is refused (" + ex.getMessage()
					+ "); the account is created from .local-stack/bench-api-key by ./local-stack.sh start: "
					+ "stop and start the stack once", ex);
		}

		CountDownLatch go = new CountDownLatch(1);
		long[] activated = new long[2];
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		Thread[] threads = { activator(demo, demoId, go, activated, 0, failure),
				activator(other, otherId, go, activated, 1, failure) };
		long start = System.currentTimeMillis();
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		ScenarioBenchmark.progress("Both campaigns activated");
		ScenarioBenchmark.Seen demoSeen = this.bench.awaitSettled("demo's campaign", () -> demo.view(demoId));
		ScenarioBenchmark.Seen otherSeen = this.bench.awaitSettled("bench's campaign", () -> other.view(otherId));

		Set<String> demoSet = ScenarioBenchmark.set(demoLeads);
		Set<String> otherSet = ScenarioBenchmark.set(otherLeads);
		Set<String> both = ScenarioBenchmark.set(demoLeads);
		both.addAll(otherLeads);
		var entries = this.bench.carrierEntries(both);
		AtCarrier demoAt = AtCarrier.of(entries, demoSet);
		AtCarrier otherAt = AtCarrier.of(entries, otherSet);

		this.bench.out(String.format(Locale.ROOT, "Activated both at %s (answers after %d ms and %d ms)",
				ScenarioBenchmark.clock(start), activated[0] - start, activated[1] - start));
		double demoLast = line("demo", demoId, demoSeen.view(), demoAt, start);
		double otherLast = line("bench", otherId, otherSeen.view(), otherAt, start);
		double demoSent = ScenarioBenchmark.seconds(demoSeen.view().activatedAt(), demoSeen.view().sentAt());
		double otherSent = ScenarioBenchmark.seconds(otherSeen.view().activatedAt(), otherSeen.view().sentAt());
		double ratio = Math.max(demoLast, otherLast) / Math.min(demoLast, otherLast);
		double sentRatio = Math.max(demoSent, otherSent) / Math.min(demoSent, otherSent);
		long firstDone = Math.min(demoAt.last(), otherAt.last());
		int demoShared = demoAt.atOrBefore(firstDone);
		int otherShared = otherAt.atOrBefore(firstDone);
		this.bench.out("");
		this.bench.out(String.format(Locale.ROOT,
				"Ratio of the times to the last text at the carrier: %.3f (to SENT: %.3f); target within %.0f %%: %s",
				ratio, sentRatio, TOLERANCE * 100, ScenarioBenchmark.verdict(ratio <= 1 + TOLERANCE)));
		this.bench.out(String.format(Locale.ROOT,
				"While both were sending (until %s): demo %,d and bench %,d texts at the carrier (%.1f %% demo)",
				ScenarioBenchmark.clock(firstDone), demoShared, otherShared,
				100.0 * demoShared / Math.max(1, demoShared + otherShared)));

		return new ScenarioResult("fairness").put("leads", this.options.leads)
			.put("demo_at_carrier", demoAt.count())
			.put("bench_at_carrier", otherAt.count())
			.put("demo_activate_to_last_s", demoLast, 1)
			.put("bench_activate_to_last_s", otherLast, 1)
			.put("demo_activate_to_sent_s", demoSent, 1)
			.put("bench_activate_to_sent_s", otherSent, 1)
			.put("ratio", ratio, 3)
			.put("sent_ratio", sentRatio, 3)
			.put("demo_share_while_both", (double) demoShared / Math.max(1, demoShared + otherShared), 3);
	}

	private double line(String account, String id, CampaignApi.View view, AtCarrier at, long start) {
		double toLast = ScenarioBenchmark.seconds(start, at.last());
		this.bench.out(String.format(Locale.ROOT,
				"  %-5s campaign %s: %,d of %,d at the carrier, %,.1f texts/s; activation -> first %.1f s, -> last "
						+ "%.1f s; activate -> SENT %.1f s (%s)",
				account, id, at.count(), this.options.leads, at.perSecond(),
				ScenarioBenchmark.seconds(start, at.first()), toLast,
				ScenarioBenchmark.seconds(view.activatedAt(), view.sentAt()), view.status()));
		return toLast;
	}

	private static Thread activator(CampaignApi api, String id, CountDownLatch go, long[] activated, int index,
			AtomicReference<RuntimeException> failure) {
		Thread thread = new Thread(() -> {
			try {
				go.await();
				api.activate(id);
				activated[index] = System.currentTimeMillis();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				failure.compareAndSet(null, ex);
			}
		}, "activate-" + index);
		thread.start();
		return thread;
	}

}
