package dev.smspipeline.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import dev.smspipeline.stackclient.CarrierEntry;
import dev.smspipeline.stackclient.MessageState;
import dev.smspipeline.stackclient.SimulatorClient;
import dev.smspipeline.stackclient.StatusReader;

/**
 * Runs one scenario: a fresh campaign, the fault once enough of it has reached the
 * carrier, the wait until every text is final (or the settle timeout), then the audit.
 */
final class ScenarioRunner {

	private final StackEndpoints stack;

	private final ChaosOptions options;

	private final StackControl control;

	private final SimulatorClient carrier;

	private final StatusReader status;

	private final CampaignDriver campaigns;

	private final PrintStream log;

	ScenarioRunner(StackEndpoints stack, ChaosOptions options, StackControl control, PrintStream log) {
		this.stack = stack;
		this.options = options;
		this.control = control;
		this.carrier = new SimulatorClient(stack.carrierUrl());
		this.status = new StatusReader(stack.statusUrl(), stack.apiKey());
		this.campaigns = new CampaignDriver(stack.campaignUrl(), stack.apiKey());
		this.log = log;
	}

	ScenarioResult run(Scenario scenario, long seed) throws InterruptedException {
		List<String> notes = new ArrayList<>();
		long runStart = System.currentTimeMillis();
		Map<TopicPartition, Long> dltBefore;
		try (KafkaInspector kafka = new KafkaInspector(this.stack.kafka())) {
			dltBefore = kafka.dltEndOffsets();
		}
		// Every text of the previous run is final: nothing will repeat a create of it.
		// The
		// simulator keeps every create in memory; emptied, it does not outgrow its heap.
		this.carrier.clearLog();
		AudiencePlan plan = AudiencePlan.of(this.options.messages(), seed);
		String name = "chaos " + scenario.name() + " " + Instant.ofEpochMilli(runStart);
		String campaignId = this.campaigns.create(name, plan);
		plan = plan.inCampaign(campaignId);
		Set<String> recipients = new HashSet<>();
		plan.texts().forEach((text) -> recipients.add(text.recipient()));
		long acceptedBefore = this.carrier.acceptedCount();
		this.campaigns.activate(campaignId);
		this.log.printf("  campaign %s: %d texts (%s), activated%n", campaignId, plan.size(),
				ReportTable.counts(labels(AudiencePlan.counts(plan.size()))));
		Scenario.FaultWindow window;
		List<Sample> samples;
		Instant createdFrom = Instant.ofEpochMilli(runStart).minusSeconds(60);
		try (ProgressSampler progress = new ProgressSampler(this.carrier, this.status, campaignId)) {
			long trigger = Math.max(1, Math.round(plan.size() * this.options.triggerShare()));
			long deadline = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
			long accepted = 0;
			while (System.currentTimeMillis() < deadline) {
				accepted = this.carrier.acceptedCount() - acceptedBefore;
				if (accepted >= trigger) {
					break;
				}
				Thread.sleep(250);
			}
			this.log.printf("  %d texts accepted by the carrier: %s%n", accepted, scenario.name());
			if (accepted < trigger) {
				notes.add("the fault started before " + trigger + " texts reached the carrier (only " + accepted
						+ " within 10 minutes)");
			}
			window = scenario
				.inject(new Scenario.Context(this.control, this.carrier, this.options.faultDuration(), this.log));
			waitUntilFinal(progress, plan.size(), window.end());
			samples = progress.samples();
		}
		Map<String, MessageState> states = this.status.messages(campaignId, createdFrom);
		List<CarrierEntry> carrierLog = this.carrier.entries(recipients, runStart - 1_000);
		Audit.Result audit = Audit.of(plan.texts(), states, carrierLog);
		Map<String, Long> dltGrowth;
		List<String> dltReasons;
		Map<String, Long> unprocessed;
		try (KafkaInspector kafka = new KafkaInspector(this.stack.kafka())) {
			dltGrowth = kafka.dltGrowth(dltBefore);
			dltReasons = dltGrowth.isEmpty() ? List.of() : kafka.dltReasons(dltBefore, 5);
			unprocessed = waitForConsumers(kafka);
		}
		String campaignStatus;
		try {
			campaignStatus = this.campaigns.status(campaignId);
		}
		catch (RuntimeException ex) {
			campaignStatus = "(unknown: " + ex.getMessage() + ")";
		}
		long silent = plan.texts().stream().filter((text) -> text.recipientClass() == RecipientClass.SILENT).count();
		OptionalLong recover = Recovery.recoverMillis(samples, window.start(), window.end(), plan.size(), silent);
		OptionalLong firstProgress = Recovery.firstProgressMillis(samples, window.end(), plan.size(), silent);
		notes.add("progress, s from the fault's start: accepted by the carrier / final (all campaigns' accepted "
				+ "creates; `?` = status-service did not answer): " + ProgressLine.format(samples, window, 5_000));
		OptionalLong allFinal = (audit.lost() == 0) ? Recovery.allFinalMillis(samples, window.end(), plan.size())
				: OptionalLong.empty();
		return new ScenarioResult(scenario.name(), scenario.description(this.options.faultDuration()), campaignId,
				campaignStatus, audit, dltGrowth, dltReasons, unprocessed, window.seconds(), seconds(recover),
				seconds(firstProgress), seconds(allFinal), notes);
	}

	/**
	 * Waits until the campaign's counters say every text is final, or the settle timeout
	 * after the fault's end.
	 */
	private void waitUntilFinal(ProgressSampler progress, int expected, long faultEnd) throws InterruptedException {
		long deadline = faultEnd + this.options.settleTimeout().toMillis();
		long lastReport = 0;
		while (System.currentTimeMillis() < deadline) {
			Sample latest = progress.latestWithCounts();
			// a sample after the fault's end is needed to measure the recovery
			if (latest != null && latest.finals() >= expected && latest.at() >= faultEnd) {
				this.log.printf("  every text final %.1f s after the fault ended%n", (latest.at() - faultEnd) / 1000.0);
				return;
			}
			if (System.currentTimeMillis() - lastReport > 15_000) {
				lastReport = System.currentTimeMillis();
				this.log.printf("  waiting: %s final of %d%n", (latest != null) ? latest.finals() : "?", expected);
			}
			Thread.sleep(1_000);
		}
		this.log.printf("  settle timeout (%d s after the fault ended) reached%n",
				this.options.settleTimeout().toSeconds());
	}

	/** Unprocessed records, given up to 60 s for consumers to catch up. */
	private Map<String, Long> waitForConsumers(KafkaInspector kafka) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 60_000;
		Map<String, Long> unprocessed = kafka.unprocessed();
		while (!unprocessed.isEmpty() && System.currentTimeMillis() < deadline) {
			Thread.sleep(5_000);
			unprocessed = kafka.unprocessed();
		}
		return unprocessed;
	}

	private static Map<String, Long> labels(Map<RecipientClass, Integer> counts) {
		Map<String, Long> labels = new java.util.LinkedHashMap<>();
		counts.forEach((kind, count) -> labels.put(kind.label(), count.longValue()));
		return labels;
	}

	private static Double seconds(OptionalLong millis) {
		return millis.isPresent() ? millis.getAsLong() / 1000.0 : null;
	}

}
