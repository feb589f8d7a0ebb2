package dev.smspipeline.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops, starts, restarts and kills parts of the local stack, always through
 * local-stack.sh (or, for {@code kill -9}, the pid file it keeps), so the suite does to
 * the stack exactly what an operator would. Every local-stack.sh call gets this process's
 * environment plus the chaos settings ({@link ChaosEnvironment}), so a part started again
 * runs with the same settings; its output goes to {@code .local-stack/chaos/control.log}.
 */
final class StackControl {

	private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

	private final StackEndpoints stack;

	private final Map<String, String> chaosEnvironment;

	private final Path controlLog;

	StackControl(StackEndpoints stack, Map<String, String> chaosEnvironment) {
		this.stack = stack;
		this.chaosEnvironment = chaosEnvironment;
		this.controlLog = stack.stateDir().resolve("chaos").resolve("control.log");
	}

	/**
	 * {@code kill -9 $(cat .local-stack/<part>.pid)}, and waits until the process is
	 * gone.
	 * @param part the part
	 * @return the pid that was killed
	 */
	long kill9(String part) {
		long pid = pid(part).orElseThrow(() -> new IllegalStateException(part + " is not running"));
		ProcessHandle process = ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException(part + " (pid " + pid + ") is not running"));
		process.destroyForcibly();
		try {
			process.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(part + " (pid " + pid + ") did not die from SIGKILL", ex);
		}
		return pid;
	}

	/** {@code ./local-stack.sh start <part>}: returns once it is healthy. */
	void start(String part) {
		run("start", part);
	}

	/** {@code ./local-stack.sh start}: starts every part that is not running. */
	void startMissing() {
		run("start");
	}

	/** {@code ./local-stack.sh stop <part>}. */
	void stop(String part) {
		run("stop", part);
	}

	/** {@code ./local-stack.sh restart <part>}: returns once it is healthy again. */
	void restart(String part) {
		run("restart", part);
	}

	/**
	 * The pid in {@code .local-stack/<part>.pid}, if the process is alive.
	 * @param part the part
	 * @return the pid
	 */
	Optional<Long> pid(String part) {
		Path file = this.stack.stateDir().resolve(part + ".pid");
		try {
			String text = Files.readString(file).replaceAll("[^0-9]", "");
			if (text.isEmpty()) {
				return Optional.empty();
			}
			long pid = Long.parseLong(text);
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The environment variables of a running part, from {@code /proc/<pid>/environ}
	 * (Linux); empty when they cannot be read.
	 * @param part the part
	 * @return the variables
	 */
	Optional<Map<String, String>> environmentOf(String part) {
		Optional<Long> pid = pid(part);
		if (pid.isEmpty()) {
			return Optional.empty();
		}
		Path environ = Path.of("/proc", Long.toString(pid.get()), "environ");
		try {
			String text = Files.readString(environ, StandardCharsets.UTF_8);
			Map<String, String> env = new java.util.HashMap<>();
			for (String entry : text.split("\0")) {
				int eq = entry.indexOf('=');
				if (eq > 0) {
					env.put(entry.substring(0, eq), entry.substring(eq + 1));
				}
			}
			return Optional.of(env);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private void run(String command, String... parts) {
		List<String> commandLine = new ArrayList<>(
				List.of(this.stack.root().resolve("local-stack.sh").toString(), command));
		commandLine.addAll(List.of(parts));
		String part = String.join(" ", parts);
		ProcessBuilder builder = new ProcessBuilder(commandLine).directory(this.stack.root().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log()));
		builder.environment().putAll(this.chaosEnvironment);
		try {
			Files.writeString(this.controlLog,
					"\n# " + java.time.Instant.now() + ": " + String.join(" ", commandLine) + "\n",
					StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
			Process process = builder.start();
			if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("./local-stack.sh " + command + " " + part + " took longer than "
						+ SCRIPT_TIMEOUT + "; see " + this.controlLog);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("./local-stack.sh " + command + " " + part + " failed (exit "
						+ process.exitValue() + "); see " + this.controlLog);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private java.io.File log() {
		try {
			Files.createDirectories(this.controlLog.getParent());
			if (!Files.exists(this.controlLog)) {
				Files.createFile(this.controlLog);
			}
			return this.controlLog.toFile();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
