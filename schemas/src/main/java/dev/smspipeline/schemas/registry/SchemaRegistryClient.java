package dev.smspipeline.schemas.registry;

import java.util.List;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serde needs. Implementations cache
 * what the registry answers: an id never changes its schema, and a schema registered
 * under a subject keeps its id.
 */
public interface SchemaRegistryClient {

	/**
	 * Registers {@code schema} under {@code subject} ({@code POST
	 * /subjects/{subject}/versions}); registering the same schema again returns the same
	 * id.
	 * @return the schema's global id
	 * @throws SchemaRegistryException when the registry refuses it (409: incompatible) or
	 * cannot be reached
	 */
	int register(String subject, Schema schema);

	/**
	 * The schema with a global id ({@code GET /schemas/ids/{id}}).
	 * @throws SchemaRegistryException with error code 40403 when no schema has that id
	 */
	Schema getById(int id);

	/**
	 * The id of a schema already registered under {@code subject} ({@code POST
	 * /subjects/{subject}}), without registering it.
	 * @throws SchemaRegistryException with error code 40401 (no such subject) or 40403
	 * (not registered under it)
	 */
	int lookup(String subject, Schema schema);

	/** The versions registered under {@code subject}, oldest first. */
	List<Integer> versions(String subject);

	/**
	 * Whether {@code schema} may be registered next under {@code subject}, by the
	 * subject's compatibility level ({@code POST
	 * /compatibility/subjects/{subject}/versions/latest}).
	 */
	boolean isCompatible(String subject, Schema schema);

}
