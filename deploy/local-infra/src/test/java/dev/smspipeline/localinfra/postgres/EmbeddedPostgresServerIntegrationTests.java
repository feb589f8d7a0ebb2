/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts embedded PostgreSQL, writes a row, restarts it on the same data directory and
 * reads the row back.
 */
class EmbeddedPostgresServerIntegrationTests {

	@TempDir
	Path dir;

	@Test
	@Timeout(180)
	void dataSurvivesRestart() throws Exception {
		int port = freePort();
		try (EmbeddedPostgresServer server = newServer(port)) {
			server.start();
			try (Connection connection = connect(server, "campaign");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE greeting (id int PRIMARY KEY, text varchar(100) NOT NULL)");
				statement.execute("INSERT INTO greeting VALUES (1, 'kept across restarts')");
			}
		}
		try (EmbeddedPostgresServer server = newServer(port)) {
			server.start();
			try (Connection connection = connect(server, "campaign");
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString(1)).isEqualTo("kept across restarts");
			}
			assertThat(databases(server)).contains("campaign", "dispatch", "status");
		}
	}

	private EmbeddedPostgresServer newServer(int port) {
		return new EmbeddedPostgresServer(this.dir.resolve("data"), this.dir.resolve("bin"), port, "sms", "sms",
				List.of("campaign", "dispatch", "status"))
			.serverOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("postgres.log").toFile()));
	}

	private static Connection connect(EmbeddedPostgresServer server, String database) throws Exception {
		return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
	}

	private static List<String> databases(EmbeddedPostgresServer server) throws Exception {
		List<String> names = new ArrayList<>();
		try (Connection connection = connect(server, "postgres");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT datname FROM pg_database")) {
			while (result.next()) {
				names.add(result.getString(1));
			}
		}
		return names;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
