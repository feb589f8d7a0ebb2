package dev.smspipeline.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import dev.smspipeline.stackclient.SimulatorClient;
import dev.smspipeline.stackclient.StatusReader;

/**
 * Samples the pipeline's progress once a second on a daemon thread: the carrier's
 * accepted count and the campaign's counters. A part that does not answer leaves its
 * figures {@code null} for that sample.
 */
final class ProgressSampler implements AutoCloseable {

	private final SimulatorClient carrier;

	private final StatusReader status;

	private final String campaignId;

	private final List<Sample> samples = new ArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	ProgressSampler(SimulatorClient carrier, StatusReader status, String campaignId) {
		this.carrier = carrier;
		this.status = status;
		this.campaignId = campaignId;
		this.thread = new Thread(this::run, "chaos-progress");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * The samples so far.
	 * @return a copy, in time order
	 */
	List<Sample> samples() {
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

	/**
	 * The latest sample with known counters.
	 * @return it, or {@code null}
	 */
	Sample latestWithCounts() {
		synchronized (this.samples) {
			for (int i = this.samples.size() - 1; i >= 0; i--) {
				if (this.samples.get(i).finals() != null) {
					return this.samples.get(i);
				}
			}
			return null;
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		while (this.running) {
			long started = System.currentTimeMillis();
			Long accepted = quietly(this.carrier::acceptedCount);
			Long finals = null;
			Long inQueue = null;
			Long total = null;
			try {
				StatusReader.CampaignCounts counts = this.status.counts(this.campaignId);
				finals = counts.finals();
				inQueue = counts.get("inQueue");
				total = counts.get("total");
			}
			catch (RuntimeException ex) {
				// status-service is down or not ready: unknown for this sample
			}
			synchronized (this.samples) {
				this.samples.add(new Sample(started, accepted, finals, inQueue, total));
			}
			try {
				Thread.sleep(Math.max(100, 1_000 - (System.currentTimeMillis() - started)));
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static Long quietly(LongSupplier supplier) {
		try {
			return supplier.getAsLong();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
