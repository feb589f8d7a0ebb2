package dev.smspipeline.testsupport.infrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.registry.EmbeddedSchemaRegistry;

/**
 * The one broker, registry and database of this test JVM, started on first use and
 * stopped when the JVM exits. Every test class shares them; tests keep apart by using
 * their own ids, topics or databases, never by restarting infrastructure.
 */
public final class TestInfrastructure {

	private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

	private static volatile TestInfrastructure shared;

	private final InfrastructureMode mode;

	private final KafkaBroker broker;

	private final EmbeddedSchemaRegistry registry;

	private final Database database;

	private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();

	private TestInfrastructure(InfrastructureMode mode) {
		long started = System.nanoTime();
		this.mode = mode;
		this.broker = (mode == InfrastructureMode.TESTCONTAINERS) ? new ContainerKafkaBroker()
				: new EmbeddedKraftBroker();
		this.registry = EmbeddedSchemaRegistry.start(this.broker.bootstrapServers(), 0);
		this.database = (mode == InfrastructureMode.TESTCONTAINERS) ? new ContainerDatabase() : new EmbeddedDatabase();
		log.info("Test infrastructure ({}) up in {} ms: kafka {}, registry {}, postgres {}", mode,
				(System.nanoTime() - started) / 1_000_000, this.broker.bootstrapServers(), this.registry.url(),
				this.database.jdbcUrl("postgres"));
	}

	/** Starts the infrastructure on first call; later calls return the same one. */
	public static TestInfrastructure shared() {
		TestInfrastructure infrastructure = shared;
		if (infrastructure == null) {
			synchronized (TestInfrastructure.class) {
				infrastructure = shared;
				if (infrastructure == null) {
					infrastructure = new TestInfrastructure(InfrastructureMode.detect());
					Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "test-infrastructure-stop"));
					shared = infrastructure;
				}
			}
		}
		return infrastructure;
	}

	public String kafkaBootstrapServers() {
		return this.broker.bootstrapServers();
	}

	public String schemaRegistryUrl() {
		return this.registry.url();
	}

	/** Whether the broker and database run in containers rather than embedded. */
	public boolean containerized() {
		return this.mode == InfrastructureMode.TESTCONTAINERS;
	}

	/**
	 * JDBC URL of a database of this name, created on first use. Each service gets its
	 * own, as in production each owns its schema.
	 */
	public String jdbcUrl(String databaseName) {
		if (!databaseName.matches("[a-z][a-z0-9_]*")) {
			throw new IllegalArgumentException("Use a plain lowercase database name, not " + databaseName);
		}
		if (this.createdDatabases.add(databaseName)) {
			createIfMissing(databaseName);
		}
		return this.database.jdbcUrl(databaseName);
	}

	public String databaseUsername() {
		return this.database.username();
	}

	public String databasePassword() {
		return this.database.password();
	}

	private void createIfMissing(String name) {
		try (Connection connection = DriverManager.getConnection(this.database.jdbcUrl("postgres"), databaseUsername(),
				databasePassword()); Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
				if (!exists.next()) {
					statement.execute("CREATE DATABASE " + name);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
	}

	private void stop() {
		closeQuietly(this.registry);
		closeQuietly(this.broker);
		closeQuietly(this.database);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			log.warn("Stopping {} failed: {}", closeable, ex.toString());
		}
	}

}
