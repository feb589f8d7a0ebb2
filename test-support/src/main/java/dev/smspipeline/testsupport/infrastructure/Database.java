package dev.smspipeline.testsupport.infrastructure;

/**
 * A running PostgreSQL server.
 */
interface Database extends AutoCloseable {

	/** JDBC URL of the named database on this server; the database must exist. */
	String jdbcUrl(String database);

	String username();

	String password();

	@Override
	void close();

}
