/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL server (zonky binaries) that keeps its data directory across
 * restarts, with a login role and the databases the services use.
 *
 * <p>
 * The cluster is initialised with {@code trust} authentication on localhost (as zonky
 * does), so the password is not checked; the role still gets it, so that a client
 * configured with it works unchanged against a real server.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private final Path dataDir;

	private final Path binariesDir;

	private final int port;

	private final String user;

	private final String password;

	private final List<String> databases;

	private ProcessBuilder.Redirect serverOutput = ProcessBuilder.Redirect.INHERIT;

	private EmbeddedPostgres postgres;

	public EmbeddedPostgresServer(Path dataDir, Path binariesDir, int port, String user, String password,
			List<String> databases) {
		this.dataDir = dataDir.toAbsolutePath().normalize();
		this.binariesDir = binariesDir.toAbsolutePath().normalize();
		this.port = port;
		this.user = user;
		this.password = password;
		this.databases = List.copyOf(databases);
	}

	/**
	 * Where the output of {@code initdb}, {@code pg_ctl} and the server goes; this
	 * process's own stdout and stderr by default.
	 * @param output the redirect
	 * @return this server
	 */
	public EmbeddedPostgresServer serverOutput(ProcessBuilder.Redirect output) {
		this.serverOutput = output;
		return this;
	}

	/**
	 * Start PostgreSQL (initialising the data directory on first start only), then create
	 * the role and the databases that are missing.
	 * @throws IOException if the server cannot be started
	 * @throws SQLException if the role or a database cannot be created
	 */
	public synchronized void start() throws IOException, SQLException {
		if (this.postgres != null) {
			throw new IllegalStateException("PostgreSQL already started");
		}
		Files.createDirectories(this.dataDir);
		Files.createDirectories(this.binariesDir);
		removeIncompleteBinaries();
		EmbeddedPostgres started = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(this.dataDir)
			.setCleanDataDirectory(false)
			.setOverrideWorkingDirectory(this.binariesDir.toFile())
			.setRegisterShutdownHook(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setOutputRedirector(this.serverOutput)
			.setErrorRedirector(this.serverOutput)
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("max_connections", "200")
			.setServerConfig("shared_buffers", "64MB")
			.setServerConfig("timezone", "UTC")
			.start();
		this.postgres = started;
		try {
			createRoleAndDatabases();
		}
		catch (SQLException | RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	/**
	 * zonky unpacks the binaries into {@code PG-<hash>} and marks a finished unpack with
	 * an {@code .exists} file; an unpack that was interrupted (process killed) is removed
	 * so that it is done again instead of failing on the files already there.
	 */
	private void removeIncompleteBinaries() throws IOException {
		try (Stream<Path> entries = Files.list(this.binariesDir)) {
			for (Path dir : entries.filter((path) -> path.getFileName().toString().startsWith("PG-"))
				.filter(Files::isDirectory)
				.filter((path) -> !Files.exists(path.resolve(".exists")))
				.toList()) {
				deleteRecursively(dir);
			}
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private void createRoleAndDatabases() throws SQLException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!"postgres".equals(this.user)) {
				if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", this.user)) {
					statement.execute("CREATE ROLE " + quoteIdentifier(this.user) + " LOGIN CREATEDB PASSWORD "
							+ quoteLiteral(this.password));
				}
			}
			for (String database : this.databases) {
				if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
					statement.execute("CREATE DATABASE " + quoteIdentifier(database) + " OWNER "
							+ quoteIdentifier(this.user) + " ENCODING 'UTF8'");
				}
			}
		}
	}

	private static boolean exists(Connection connection, String sql, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setString(1, name);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

	static String quoteIdentifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	static String quoteLiteral(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	/**
	 * Stop PostgreSQL ({@code pg_ctl stop -m fast}) and wait until it is down.
	 * @throws IOException if it cannot be stopped
	 */
	public synchronized void stop() throws IOException {
		EmbeddedPostgres running = this.postgres;
		this.postgres = null;
		if (running != null) {
			running.close();
		}
	}

	@Override
	public void close() throws IOException {
		stop();
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	public int port() {
		return this.port;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public String user() {
		return this.user;
	}

	public String password() {
		return this.password;
	}

	public List<String> databases() {
		return this.databases;
	}

}
