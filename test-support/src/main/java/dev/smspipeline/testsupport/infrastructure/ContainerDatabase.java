package dev.smspipeline.testsupport.infrastructure;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL's official image, for machines with a Docker engine.
 */
final class ContainerDatabase implements Database {

	static final String IMAGE = "postgres:18.1";

	private final PostgreSQLContainer container;

	ContainerDatabase() {
		this.container = new PostgreSQLContainer(IMAGE);
		this.container.start();
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.container.getHost() + ":" + this.container.getMappedPort(5432) + "/"
				+ database;
	}

	@Override
	public String username() {
		return this.container.getUsername();
	}

	@Override
	public String password() {
		return this.container.getPassword();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
