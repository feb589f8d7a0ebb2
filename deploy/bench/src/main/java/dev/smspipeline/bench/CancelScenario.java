package dev.smspipeline.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --scenario cancel}: the demo account activates a campaign of {@code --leads}
 * fresh numbers and cancels it {@code --cancel-after} into SENDING, noting when the
 * cancel's answer arrived. Reports how many of its texts the carrier accepted later than
 * two seconds after that answer (target 0), how many reached the carrier in all, and,
 * once status-service's counts stop moving (up to about a minute), its texts by final
 * status: every text that did not reach the carrier must end CANCELED.
 */
final class CancelScenario {

	static final long GRACE_MILLIS = 2000;

	private static final long SETTLE_MILLIS = 60_000;

	private final ScenarioBenchmark bench;

	private final ScenarioOptions options;

	CancelScenario(ScenarioBenchmark bench) {
		this.bench = bench;
		this.options = bench.options;
	}

	ScenarioResult run() throws Exception {
		this.bench.begin("a campaign canceled while SENDING (cancel)");
		CampaignApi api = new CampaignApi(this.options.campaignUrl, this.options.statusUrl, this.options.apiKey());
		List<String> leads = ScenarioBenchmark.numbers(ScenarioBenchmark.CAMPAIGN, this.options.leads);
		ScenarioBenchmark.progress("Creating a campaign of " + leads.size() + " recipients ...");
		long createStart = System.currentTimeMillis();
		String id = api.create("issue16-cancel-" + this.bench.runId, leads);
		long created = System.currentTimeMillis();
		api.activate(id);
		long activated = System.currentTimeMillis();
		ScenarioBenchmark.progress("Campaign " + id + " activated; waiting for SENDING ...");

		CampaignApi.View view = api.view(id);
		long deadline = activated + this.options.timeout.toMillis();
		while (!view.status().equals("SENDING")) {
			if (view.settled() || System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("campaign " + id + " did not reach SENDING (" + view.describe() + ")");
			}
			Thread.sleep(100);
			view = api.view(id);
		}
		long sending = System.currentTimeMillis();
		ScenarioBenchmark.progress("SENDING; canceling in " + this.options.cancelAfter.toMillis() + " ms ...");
		Thread.sleep(this.options.cancelAfter.toMillis());
		CampaignApi.View before = api.view(id);
		long cancelSent = System.currentTimeMillis();
		api.cancel(id);
		long canceled = System.currentTimeMillis();
		ScenarioBenchmark.progress("Canceled; waiting for the counts to settle (up to 60 s) ...");

		Map<String, Long> stats = settle(api, id, canceled);
		long settledAt = System.currentTimeMillis();
		CampaignApi.View after = api.view(id);
		Set<String> leadSet = ScenarioBenchmark.set(leads);
		AtCarrier at = AtCarrier.of(this.bench.carrierEntries(leadSet), leadSet);
		int late = at.after(canceled + GRACE_MILLIS);
		int afterAnswer = at.after(canceled);

		this.bench.out(String.format(Locale.ROOT,
				"Campaign %s: %,d texts, created and uploaded in %.1f s, activated %s, SENDING after %.1f s", id,
				leads.size(), (created - createStart) / 1000.0, ScenarioBenchmark.clock(activated),
				(sending - activated) / 1000.0));
		this.bench.out(String.format(Locale.ROOT, "  just before the cancel: %s", before.describe()));
		this.bench.out(String.format(Locale.ROOT, "  cancel answered at %s (%d ms after it was sent)",
				ScenarioBenchmark.clock(canceled), canceled - cancelSent));
		this.bench
			.out(String.format(Locale.ROOT, "  %.0f s later: %s", (settledAt - canceled) / 1000.0, after.describe()));
		this.bench.out("");
		this.bench.out(String.format(Locale.ROOT,
				"At the carrier: %,d texts in all, %,d after the cancel answer, %,d later than %d ms after it "
						+ "(last at %s)",
				at.count(), afterAnswer, late, GRACE_MILLIS,
				(at.last() != 0) ? ScenarioBenchmark.clock(at.last()) : "-"));
		this.bench.out(String.format(Locale.ROOT, "  target: none later than %d ms after the cancel answer: %s",
				GRACE_MILLIS, ScenarioBenchmark.verdict(late == 0)));
		long canceledCount = stats.getOrDefault("canceled", 0L);
		long notSubmitted = leads.size() - at.count();
		long inQueue = stats.getOrDefault("inQueue", 0L);
		this.bench
			.out("status-service's counts: " + (stats.isEmpty() ? "none (it does not know the campaign)" : stats));
		this.bench.out(String.format(Locale.ROOT,
				"  not at the carrier %,d, CANCELED %,d, still in queue %,d; target: every text not submitted "
						+ "ends CANCELED: %s",
				notSubmitted, canceledCount, inQueue,
				ScenarioBenchmark.verdict(canceledCount == notSubmitted && inQueue == 0)));

		return new ScenarioResult("cancel").put("leads", leads.size())
			.put("cancel_after_sending_ms", this.options.cancelAfter.toMillis())
			.put("at_carrier", at.count())
			.put("after_cancel", afterAnswer)
			.put("late_after_cancel", late)
			.put("not_at_carrier", notSubmitted)
			.put("canceled", canceledCount)
			.put("in_queue", inQueue)
			.put("stats_total", stats.getOrDefault("total", -1L))
			.put("campaign_status", after.status())
			.put("submitted_campaign_service", after.submitted());
	}

	/**
	 * Polls status-service's counts of the campaign until nothing is in queue and they
	 * stayed the same for two polls, or a minute passed.
	 */
	private Map<String, Long> settle(CampaignApi api, String id, long canceled) throws InterruptedException {
		Map<String, Long> previous = Map.of();
		long deadline = canceled + SETTLE_MILLIS;
		long lastProgress = 0;
		while (true) {
			Thread.sleep(2000);
			Map<String, Long> counts = api.stats(id);
			long now = System.currentTimeMillis();
			boolean quiet = counts.getOrDefault("inQueue", 0L) == 0 && counts.getOrDefault("outbox", 0L) == 0;
			if ((quiet && counts.equals(previous) && !counts.isEmpty()) || now > deadline) {
				return counts;
			}
			if (now - lastProgress >= 5000) {
				ScenarioBenchmark.progress(String.format(Locale.ROOT, "  %5.1f s after the cancel: %s",
						(now - canceled) / 1000.0, counts));
				lastProgress = now;
			}
			previous = counts;
		}
	}

}
