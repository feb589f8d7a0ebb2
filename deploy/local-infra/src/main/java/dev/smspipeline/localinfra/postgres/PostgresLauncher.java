/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra.postgres;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.smspipeline.localinfra.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link EmbeddedPostgresServer} until the process is terminated (SIGTERM or
 * Ctrl-C), then stops PostgreSQL cleanly.
 *
 * <p>
 * Environment: {@code POSTGRES_PORT} (5433), {@code POSTGRES_DATA_DIR}
 * ({@code .local-stack/postgres}), {@code POSTGRES_BIN_DIR} (where the binaries are
 * unpacked, {@code .local-stack/postgres-bin}), {@code POSTGRES_USER} /
 * {@code POSTGRES_PASSWORD} ({@code sms} / {@code sms}), {@code POSTGRES_DATABASES}
 * ({@code campaign,dispatch,status}).
 */
public final class PostgresLauncher {

	private static final Logger logger = LoggerFactory.getLogger(PostgresLauncher.class);

	private PostgresLauncher() {
	}

	public static void main(String[] args) throws InterruptedException {
		Env env = Env.system();
		EmbeddedPostgresServer server;
		try {
			List<String> databases = Arrays.stream(env.get("POSTGRES_DATABASES", "campaign,dispatch,status").split(","))
				.map(String::trim)
				.filter((name) -> !name.isEmpty())
				.toList();
			server = new EmbeddedPostgresServer(env.path("POSTGRES_DATA_DIR", ".local-stack/postgres"),
					env.path("POSTGRES_BIN_DIR", ".local-stack/postgres-bin"), env.port("POSTGRES_PORT", 5433),
					env.get("POSTGRES_USER", "sms"), env.get("POSTGRES_PASSWORD", "sms"), databases);
		}
		catch (IllegalArgumentException ex) {
			logger.error(ex.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			logger.info("Stopping PostgreSQL");
			try {
				server.stop();
				logger.info("PostgreSQL stopped");
			}
			catch (IOException | RuntimeException ex) {
				logger.error("Could not stop PostgreSQL cleanly: {}", ex.getMessage());
			}
			finally {
				stopped.countDown();
			}
		}, "postgres-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		long startedAt = System.nanoTime();
		try {
			server.start();
		}
		catch (Exception | Error ex) {
			logger.error("PostgreSQL failed to start: {}", ex.getMessage(), ex);
			Runtime.getRuntime().removeShutdownHook(hook);
			try {
				server.stop();
			}
			catch (IOException | RuntimeException suppressed) {
				// already reported
			}
			System.exit(1);
			return;
		}
		logger.info("PostgreSQL started on localhost:{} (user {}, databases {}, data dir {}) in {} ms", server.port(),
				server.user(), String.join(", ", server.databases()), server.dataDir(),
				(System.nanoTime() - startedAt) / 1_000_000);
		stopped.await();
	}

}
