package dev.smspipeline.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU and memory of every process of the local stack (pids from
 * {@code .local-stack/<part>.pid}; PostgreSQL is its launcher plus the postmaster from
 * {@code postmaster.pid} and all its server processes): CPU time from
 * {@code /proc/<pid>/stat} (user + system, plus that of exited children), resident memory
 * from {@code /proc/<pid>/status}, and, for every JVM of the stack, heap in use from
 * {@code jstat -gc <pid> 1000} (survivor, eden and old space in use), which reads the
 * JVM's shared-memory counters and costs it nothing, where scraping the services'
 * {@code /actuator/prometheus} (on their management port) every second cost them CPU.
 * This process (the generator) is measured apart.
 */
final class ProcessSampler implements AutoCloseable {

	static final String GENERATOR = "bench (generator)";

	/** The local stack's parts, as named by their pid files. */
	static final Set<String> STACK_PARTS = Set.of("kafka", "postgres", "schema-registry", "carrier-simulator",
			"campaign-service", "dispatch-service", "status-service");

	private static final long CLOCK_TICKS = clockTicks();

	private final Path stateDir;

	private final List<Process> jstats = new ArrayList<>();

	private Map<Long, Backend> backendsAtStart = Map.of();

	private final Map<String, Part> parts = new LinkedHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-process-sampler");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param stateDir the local stack's state directory
	 */
	ProcessSampler(Path stateDir) {
		this.stateDir = stateDir;
	}

	/**
	 * Finds the processes and starts watching their heaps ({@code jstat} takes a few
	 * seconds to start on a loaded machine, so this comes well before {@link #start}).
	 */
	void open() throws IOException {
		findProcesses();
		for (Part part : this.parts.values()) {
			if (!part.tree && !part.name.equals(GENERATOR)) {
				watchHeap(part);
			}
		}
	}

	/**
	 * Finds the processes, for {@link #idleCpuMillis} alone (no heap watching).
	 */
	void findProcesses() throws IOException {
		List<Path> pidFiles = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.stateDir, "*.pid")) {
			files.forEach(pidFiles::add);
		}
		pidFiles.sort(null);
		for (Path file : pidFiles) {
			String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
			String pid = Files.readString(file).strip();
			// the pipeline's parts only (not e.g. a monitoring server), and only running
			// ones
			if (STACK_PARTS.contains(name) && pid.matches("[0-9]+") && Files.isDirectory(Path.of("/proc", pid))) {
				this.parts.put(name, new Part(name, Long.parseLong(pid), false));
			}
		}
		Path postmaster = this.stateDir.resolve("postgres").resolve("postmaster.pid");
		if (Files.isReadable(postmaster)) {
			long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).strip());
			this.parts.put("postgres (server)", new Part("postgres (server)", pid, true));
		}
		this.parts.put(GENERATOR, new Part(GENERATOR, ProcessHandle.current().pid(), false));
	}

	/**
	 * CPU time of the stack's processes (not this one) used while the calling thread
	 * sleeps: what the stack burns with nothing to do.
	 * @param millis how long to sleep
	 * @return CPU milliseconds
	 */
	long idleCpuMillis(long millis) throws IOException, InterruptedException {
		long before = stackTicks();
		Thread.sleep(millis);
		return (stackTicks() - before) * 1000 / CLOCK_TICKS;
	}

	private long stackTicks() throws IOException {
		long ticks = 0;
		for (Part part : this.parts.values()) {
			if (!part.name.equals(GENERATOR)) {
				part.cachedChildren = null;
				ticks += part.ticks();
			}
		}
		return ticks;
	}

	/** Notes every process's CPU time, forgets the peaks seen so far, starts sampling. */
	void start() throws IOException {
		this.backendsAtStart = backendTicks();
		for (Part part : this.parts.values()) {
			part.startTicks = part.ticks();
			part.startJitTicks = part.jitTicks();
			part.lastTicks = part.startTicks;
			part.lastNanos = System.nanoTime();
			synchronized (part) {
				part.peakHeap = 0;
			}
		}
		this.scheduler.scheduleAtFixedRate(this::sample, 0, 1000, TimeUnit.MILLISECONDS);
	}

	private void sample() {
		long now = System.nanoTime();
		for (Part part : this.parts.values()) {
			try {
				long ticks = part.ticks();
				double seconds = (now - part.lastNanos) / 1e9;
				if (seconds >= 0.5) {
					part.peakCpu = Math.max(part.peakCpu, (ticks - part.lastTicks) / (double) CLOCK_TICKS / seconds);
					part.lastTicks = ticks;
					part.lastNanos = now;
				}
				part.peakRss = Math.max(part.peakRss, part.rssBytes());
			}
			catch (IOException | RuntimeException ex) {
				part.errors++;
			}
		}
	}

	private void watchHeap(Part part) {
		Process jstat;
		try {
			jstat = new ProcessBuilder("jstat", "-gc", Long.toString(part.pid), "1000").redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			return; // no jstat: no heap figures
		}
		this.jstats.add(jstat);
		Thread reader = new Thread(() -> {
			try (var lines = new java.io.BufferedReader(
					new java.io.InputStreamReader(jstat.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
				String[] header = null;
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					String[] fields = line.strip().split("\\s+");
					if (line.contains("EU")) {
						header = fields;
					}
					else if (header != null) {
						long used = heapUsedKb(header, fields) * 1024;
						synchronized (part) {
							part.peakHeap = Math.max(part.peakHeap, used);
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// the process ended
			}
		}, "bench-jstat-" + part.name);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Heap in use, in KB, from one line of {@code jstat -gc}: survivor, eden and old
	 * spaces.
	 * @param header the column names
	 * @param fields the values
	 * @return the heap in use
	 */
	static long heapUsedKb(String[] header, String[] fields) {
		double used = 0;
		for (int i = 0; i < header.length && i < fields.length; i++) {
			switch (header[i]) {
				case "S0U", "S1U", "EU", "OU" -> used += Double.parseDouble(fields[i]);
				default -> {
				}
			}
		}
		return (long) used;
	}

	/** Stops sampling and notes every process's CPU time. */
	List<Usage> stop() {
		this.scheduler.shutdownNow();
		this.jstats.forEach(Process::destroy);
		try {
			this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<Usage> usages = new ArrayList<>();
		for (Part part : this.parts.values()) {
			part.cachedChildren = null;
			long cpuMillis;
			long jitMillis;
			try {
				cpuMillis = (part.ticks() - part.startTicks) * 1000 / CLOCK_TICKS;
				jitMillis = (part.jitTicks() - part.startJitTicks) * 1000 / CLOCK_TICKS;
			}
			catch (IOException | RuntimeException ex) {
				cpuMillis = -1;
				jitMillis = -1;
			}
			long peakHeap;
			synchronized (part) {
				peakHeap = part.peakHeap;
			}
			usages.add(new Usage(part.name, part.pid, cpuMillis, Math.max(0, jitMillis), part.peakCpu, peakHeap,
					part.peakRss));
		}
		return usages;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.jstats.forEach(Process::destroy);
	}

	private static long clockTicks() {
		try {
			Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes()).strip();
			process.waitFor(5, TimeUnit.SECONDS);
			return Long.parseLong(out);
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

	/**
	 * CPU milliseconds of PostgreSQL's server processes since {@link #start}, by what
	 * they serve: the database of a client backend ({@code postgres: <user> <db> ...}),
	 * else {@code background}; backends that exited meanwhile are not included (their
	 * time is in the server's total).
	 */
	Map<String, Long> postgresByDatabase() {
		Map<String, Long> byDatabase = new java.util.TreeMap<>();
		try {
			for (Map.Entry<Long, Backend> entry : backendTicks().entrySet()) {
				Backend now = entry.getValue();
				Backend then = this.backendsAtStart.get(entry.getKey());
				long ticks = now.ticks() - ((then != null && then.what().equals(now.what())) ? then.ticks() : 0);
				byDatabase.merge(now.what(), ticks * 1000 / CLOCK_TICKS, Long::sum);
			}
		}
		catch (IOException | RuntimeException ex) {
			// no breakdown
		}
		return byDatabase;
	}

	private Map<Long, Backend> backendTicks() throws IOException {
		Map<Long, Backend> backends = new java.util.HashMap<>();
		for (Part part : this.parts.values()) {
			if (!part.tree) {
				continue;
			}
			part.cachedChildren = null;
			for (long child : part.children()) {
				try {
					String stat = Files.readString(Path.of("/proc", Long.toString(child), "stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					String title = new String(Files.readAllBytes(Path.of("/proc", Long.toString(child), "cmdline")),
							java.nio.charset.StandardCharsets.UTF_8)
						.replace('\0', ' ')
						.strip();
					backends.put(child,
							new Backend(database(title), Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
				}
				catch (IOException | RuntimeException ex) {
					// exited meanwhile
				}
			}
		}
		return backends;
	}

	/**
	 * What a PostgreSQL server process serves, from its process title.
	 * @param title e.g. {@code postgres: sms status 127.0.0.1(58840) idle}
	 * @return the database of a client backend, else {@code background}
	 */
	static String database(String title) {
		String[] words = title.split("\\s+");
		if (words.length >= 4 && words[0].equals("postgres:") && words[3].contains("(")) {
			return words[2];
		}
		return "background";
	}

	private record Backend(String what, long ticks) {
	}

	/** utime + stime + cutime + cstime of /proc/<pid>/stat, in clock ticks. */
	static long cpuTicks(String stat) {
		// the command name (field 2) is in parentheses and may hold spaces
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 (state): utime is field 14, so fields[11]
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
				+ Long.parseLong(fields[14]);
	}

	static long parentPid(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[1]);
	}

	/**
	 * What one process (or process tree) used during the measurement.
	 *
	 * @param name the part
	 * @param pid its pid
	 * @param cpuMillis CPU time, milliseconds (-1: unknown, e.g. it exited)
	 * @param jitMillis of which the JIT compiler threads, milliseconds
	 * @param peakCpu highest CPU use over a second, in cores
	 * @param peakHeapBytes highest heap in use seen (0: not sampled)
	 * @param peakRssBytes highest resident memory seen
	 */
	record Usage(String name, long pid, long cpuMillis, long jitMillis, double peakCpu, long peakHeapBytes,
			long peakRssBytes) {
	}

	private static final class Part {

		final String name;

		final long pid;

		final boolean tree;

		long startTicks;

		long startJitTicks;

		long lastTicks;

		long lastNanos;

		double peakCpu;

		long peakHeap;

		long peakRss;

		int errors;

		Part(String name, long pid, boolean tree) {
			this.name = name;
			this.pid = pid;
			this.tree = tree;
		}

		long ticks() throws IOException {
			long ticks = cpuTicks(Files.readString(Path.of("/proc", Long.toString(this.pid), "stat")));
			if (this.tree) {
				for (long child : children()) {
					try {
						String stat = Files.readString(Path.of("/proc", Long.toString(child), "stat"));
						// only the child's own time: its exited children are already in
						// it
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
					catch (IOException ex) {
						// exited meanwhile: its time moves to the parent's cutime/cstime
					}
				}
			}
			return ticks;
		}

		/** CPU ticks of the live JIT compiler threads. */
		long jitTicks() throws IOException {
			long ticks = 0;
			try (DirectoryStream<Path> tasks = Files
				.newDirectoryStream(Path.of("/proc", Long.toString(this.pid), "task"))) {
				for (Path task : tasks) {
					try {
						String stat = Files.readString(task.resolve("stat"));
						if (stat.contains("(C1 CompilerThre)") || stat.contains("(C2 CompilerThre)")) {
							String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
							ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						}
					}
					catch (IOException ex) {
						// ended meanwhile
					}
				}
			}
			return ticks;
		}

		long rssBytes() throws IOException {
			long rss = rss(this.pid);
			if (this.tree) {
				for (long child : children()) {
					try {
						rss += rss(child);
					}
					catch (IOException ex) {
						// exited meanwhile
					}
				}
			}
			return rss;
		}

		private static long rss(long pid) throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
			return 0;
		}

		private List<Long> cachedChildren;

		private long childrenNanos;

		private List<Long> children() throws IOException {
			if (this.cachedChildren != null && System.nanoTime() - this.childrenNanos < 500_000_000L) {
				return this.cachedChildren;
			}
			List<Long> children = new ArrayList<>();
			try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
				for (Path process : processes) {
					try {
						if (parentPid(Files.readString(process.resolve("stat"))) == this.pid) {
							children.add(Long.parseLong(process.getFileName().toString()));
						}
					}
					catch (IOException | RuntimeException ex) {
						// exited meanwhile
					}
				}
			}
			this.cachedChildren = children;
			this.childrenNanos = System.nanoTime();
			return children;
		}

	}

}
