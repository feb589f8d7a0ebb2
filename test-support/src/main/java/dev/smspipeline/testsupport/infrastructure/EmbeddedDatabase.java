package dev.smspipeline.testsupport.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries Maven Central ships, as a child process.
 */
final class EmbeddedDatabase implements Database {

	private final EmbeddedPostgres postgres;

	EmbeddedDatabase() {
		try {
			this.postgres = EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
		}
	}

	@Override
	public String jdbcUrl(String database) {
		return this.postgres.getJdbcUrl(username(), database);
	}

	@Override
	public String username() {
		return "postgres";
	}

	@Override
	public String password() {
		return "postgres";
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
