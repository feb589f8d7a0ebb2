package dev.smspipeline.bench;

import java.time.Instant;

/**
 * Wall-clock time in epoch microseconds, advanced by {@link System#nanoTime()} so that it
 * is monotonic within the run and comparable with other processes' epoch milliseconds
 * (the carrier simulator's {@code receivedAt}) on the same machine.
 */
final class BenchClock {

	private final long baseEpochMicros;

	private final long baseNanos;

	BenchClock() {
		Instant now = Instant.now();
		this.baseNanos = System.nanoTime();
		this.baseEpochMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

	long nowMicros() {
		return this.baseEpochMicros + (System.nanoTime() - this.baseNanos) / 1_000;
	}

}
