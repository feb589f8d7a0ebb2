package dev.smspipeline.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints a run's {@link Figures} as the benchmark's Markdown report: a headline, the
 * table of measures, the table of processes, PostgreSQL's CPU by database, the targets,
 * and last the chart's path and the {@link ResultLine}. Only formats: every figure is
 * computed before.
 */
final class Report {

	private static final double TARGET_THROUGHPUT = 2000;

	private static final double TARGET_CPU_MS = 1.0;

	private static final double TARGET_P99_MS = 250;

	private static final long TARGET_HEAP = 256L * 1024 * 1024;

	private final BenchOptions options;

	private final Consumer<String> out;

	/**
	 * A report of a run with the given options.
	 * @param options the run's options
	 * @param out where each line goes
	 */
	Report(BenchOptions options, Consumer<String> out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * Prints the headline, the tables and the targets.
	 * @param run the run
	 * @param figures its figures
	 * @param kafkaCeiling the Kafka ceiling, NaN when not measured
	 * @param carrierCeiling the carrier ceiling, NaN when not measured
	 */
	void figures(Run run, Figures figures, double kafkaCeiling, double carrierCeiling) {
		headline(run);
		measures(run, figures, kafkaCeiling, carrierCeiling);
		this.out.accept("");
		processes(run, figures);
		this.out.accept("");
		targets(run, figures);
	}

	/**
	 * Prints where the chart is and the {@link ResultLine}.
	 * @param chart the chart's path
	 * @param result the result line
	 */
	void result(Path chart, ResultLine result) {
		this.out.accept("");
		this.out.accept("chart: " + chart);
		this.out.accept(result.format());
	}

	/**
	 * The {@link ResultLine} of a run.
	 * @param run the run
	 * @param figures its figures
	 * @param kafkaCeiling the Kafka ceiling, NaN when not measured
	 * @param carrierCeiling the carrier ceiling, NaN when not measured
	 * @return the line
	 */
	static ResultLine resultLine(Run run, Figures figures, double kafkaCeiling, double carrierCeiling) {
		CarrierGapAudit.Result carrier = run.carrier();
		return new ResultLine(run.plan().size(), figures.finalRate(), kafkaCeiling, carrierCeiling,
				figures.cpuPerText(), figures.carrierFirst().p99(), carrier.minGapMillis(), carrier.violations(),
				figures.lost(), carrier.duplicates());
	}

	private void headline(Run run) {
		this.out.accept(String.format(Locale.ROOT, "## Pipeline: %,d texts via %s, %s, %,d numbers (%,d repeat texts)",
				run.plan().size(), via(), offered(), run.plan().stream().map(PlannedText::recipient).distinct().count(),
				run.plan().stream().filter((text) -> !text.firstToNumber()).count()));
		this.out.accept(String.format(Locale.ROOT,
				"requests sent in %.1f s; drained %.1f s after the last request; load %s after",
				(run.loadEndMicros() - run.loadStartMicros()) / 1e6, (run.drainEndMicros() - run.loadEndMicros()) / 1e6,
				run.loadAfter()));
		this.out.accept("");
	}

	private void measures(Run run, Figures figures, double kafkaCeiling, double carrierCeiling) {
		CarrierGapAudit.Result carrier = run.carrier();
		int accepted = figures.accepted();
		this.out.accept("| measure | result |");
		this.out.accept("|---|---|");
		row("requests accepted", String.format(Locale.ROOT, "%,d of %,d (%,.0f/s; answer %s)", accepted,
				run.plan().size(), figures.acceptRate(), figures.acceptance().describe()));
		row("**throughput request → final status**",
				String.format(Locale.ROOT, "**%,.0f texts/s** (%,d final; middle 80 %% of finals at %,.0f/s)",
						figures.finalRate(), figures.finals(), figures.middleRate()));
		row("throughput request → SUBMITTED (status stream)",
				String.format(Locale.ROOT, "%,.0f texts/s (%,d)", figures.submittedRate(), figures.submitted()));
		row("throughput request → carrier accept",
				String.format(Locale.ROOT, "%,.0f texts/s (%,d)", figures.carrierRate(), figures.atCarrier()));
		row("latency request → carrier, first text to a number", figures.carrierFirst().describe());
		row("latency request → carrier, all texts", figures.carrierAll().describe());
		row("latency request → SUBMITTED on the stream", figures.toSubmitted().describe());
		row("latency request → final status on the stream", figures.toFinal().describe());
		row("stream visibility: read − record timestamp, SUBMITTED", figures.submittedVisibility().describe());
		row("stream visibility: read − record timestamp, final", figures.finalVisibility().describe());
		row("final statuses", figures.outcomes().toString().replaceAll("[{}]", ""));
		row("per-number gap at the carrier",
				(carrier.minGapMillis() < 0) ? "no number got two texts"
						: String.format(Locale.ROOT, "min %,d ms over %,d numbers with repeats (interval %,d ms)",
								carrier.minGapMillis(), carrier.repeatedNumbers(), this.options.intervalMillis));
		row("throttle violations",
				String.format(Locale.ROOT, "%d (%d accepted gaps below the interval, %d answered 429 by the carrier)",
						carrier.violations(), carrier.gapsBelowInterval(), carrier.rateLimited()));
		row("lost / duplicates", String.format(Locale.ROOT,
				"%d lost (accepted, no final status after %d s), %d sent twice (%d idempotent repeats answered from the carrier's cache)",
				figures.lost(), this.options.drainTimeoutSeconds, carrier.duplicates(), carrier.duplicateAnswers()));
		long stackCpuMillis = figures.stackCpuMillis();
		long stackJitMillis = figures.stackJitMillis();
		double windowSeconds = figures.windowSeconds();
		row("CPU, whole stack", String.format(Locale.ROOT,
				"%,.1f s in %.1f s = **%.3f ms per text** (JIT compiler threads %,.1f s of it; without them %.3f ms per text)",
				stackCpuMillis / 1000.0, windowSeconds, figures.cpuPerText(), stackJitMillis / 1000.0,
				(stackCpuMillis - stackJitMillis) / (double) Math.max(1, accepted)));
		row("CPU, whole stack, idle before the run", String.format(Locale.ROOT,
				"%.3f cores (pollers, heartbeats, compilation); the run less that: %.3f ms per text", run.idleCores(),
				(stackCpuMillis - run.idleCores() * windowSeconds * 1000) / Math.max(1, accepted)));
		if (stackJitMillis > 0.10 * stackCpuMillis) {
			// Right after a start, C2 compiles for minutes under load: such a run
			// measures
			// the compiler as much as the pipeline.
			row("warning: not warm",
					String.format(Locale.ROOT,
							"JIT compilation was %.0f %% of the stack's CPU; the services were started recently, so "
									+ "throughput and CPU per text are pessimistic: run the benchmark again",
							100.0 * stackJitMillis / stackCpuMillis));
		}
		row("CPU, generator + collector (this process, not counted)",
				String.format(Locale.ROOT, "%,.1f s = %.3f ms per text", figures.generatorCpuMillis() / 1000.0,
						figures.generatorCpuMillis() / (double) Math.max(1, accepted)));
		if (!Double.isNaN(kafkaCeiling)) {
			row("ceilings",
					String.format(Locale.ROOT, "Kafka %,.0f/s, carrier %,.0f/s: pipeline at %.1f %% of the lower",
							kafkaCeiling, carrierCeiling,
							100 * figures.finalRate() / Math.min(kafkaCeiling, carrierCeiling)));
		}
	}

	private void processes(Run run, Figures figures) {
		int texts = Math.max(1, figures.accepted());
		this.out.accept(
				"| process | pid | CPU s | of which JIT compiler s | CPU ms/text | peak CPU (cores) | peak heap | peak RSS |");
		this.out.accept("|---|---|---|---|---|---|---|---|");
		for (ProcessSampler.Usage usage : run.usages()) {
			this.out.accept(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.3f | %.2f | %s | %s |",
					usage.name(), usage.pid(), usage.cpuMillis() / 1000.0, usage.jitMillis() / 1000.0,
					usage.cpuMillis() / (double) texts, usage.peakCpu(),
					(usage.peakHeapBytes() > 0) ? mb(usage.peakHeapBytes()) : "-", mb(usage.peakRssBytes())));
		}
		Map<String, Long> byDatabase = run.postgresByDatabase();
		if (!byDatabase.isEmpty()) {
			StringBuilder line = new StringBuilder("PostgreSQL server CPU by database (live backends):");
			byDatabase.forEach((database, millis) -> line.append(String.format(Locale.ROOT,
					" %s %.1f s (%.3f ms/text);", database, millis / 1000.0, millis / (double) texts)));
			long serverMillis = run.usages()
				.stream()
				.filter((usage) -> usage.name().equals("postgres (server)"))
				.mapToLong(ProcessSampler.Usage::cpuMillis)
				.sum();
			long rest = serverMillis - byDatabase.values().stream().mapToLong(Long::longValue).sum();
			line.append(String.format(Locale.ROOT,
					" postmaster and exited processes (autovacuum workers, closed connections) %.1f s (%.3f ms/text)",
					rest / 1000.0, rest / (double) texts));
			this.out.accept(line.toString());
		}
	}

	private void targets(Run run, Figures figures) {
		CarrierGapAudit.Result carrier = run.carrier();
		this.out.accept("Targets (2 cores, everything co-located):");
		target("throughput request → final >= 2,000 texts/s", figures.finalRate() >= TARGET_THROUGHPUT,
				String.format(Locale.ROOT, "%,.0f", figures.finalRate()));
		target("CPU <= 1 ms per text (whole stack)", figures.cpuPerText() <= TARGET_CPU_MS,
				String.format(Locale.ROOT, "%.3f ms", figures.cpuPerText()));
		target("p99 request → carrier <= 250 ms, unthrottled (meant at half the peak rate)",
				figures.carrierFirst().p99() <= TARGET_P99_MS,
				String.format(Locale.ROOT, "%.1f ms", figures.carrierFirst().p99()));
		target("each service's heap <= 256 MB", figures.maxServiceHeap() <= TARGET_HEAP, mb(figures.maxServiceHeap()));
		target("min gap >= interval, 0 violations",
				carrier.violations() == 0
						&& (carrier.minGapMillis() < 0 || carrier.minGapMillis() >= this.options.intervalMillis),
				carrier.violations() + " violations");
		target("0 lost, 0 duplicates", figures.lost() == 0 && carrier.duplicates() == 0,
				figures.lost() + " lost, " + carrier.duplicates() + " duplicates");
	}

	private String via() {
		return this.options.via.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The offered rate, as the headline and the chart's subtitle say it.
	 * @return {@code offered 1,000/s} or {@code flat out}
	 */
	String offered() {
		return (this.options.rate > 0) ? String.format(Locale.ROOT, "offered %,.0f/s", this.options.rate) : "flat out";
	}

	private void row(String measure, String result) {
		this.out.accept("| " + measure + " | " + result + " |");
	}

	private void target(String name, boolean met, String value) {
		this.out.accept("  [" + (met ? "met   " : "MISSED") + "] " + name + ": " + value);
	}

	static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
	}

}
