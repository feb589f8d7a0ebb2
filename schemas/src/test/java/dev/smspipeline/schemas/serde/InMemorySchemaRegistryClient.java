package dev.smspipeline.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

import dev.smspipeline.schemas.compat.BackwardCompatibility;
import dev.smspipeline.schemas.registry.SchemaRegistryClient;
import dev.smspipeline.schemas.registry.SchemaRegistryException;

/**
 * A registry in memory, for tests of the byte layout: ids are global and start where the
 * test says, a schema keeps its id across subjects, and every call is counted.
 */
final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

	private final Map<String, List<Schema>> subjects = new HashMap<>();

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<Schema, Integer> idsBySchema = new HashMap<>();

	private int nextId;

	private int calls;

	InMemorySchemaRegistryClient() {
		this(1);
	}

	InMemorySchemaRegistryClient(int firstId) {
		this.nextId = firstId;
	}

	/** How many times the client was called. */
	synchronized int calls() {
		return this.calls;
	}

	synchronized List<String> subjects() {
		return List.copyOf(this.subjects.keySet());
	}

	@Override
	public synchronized int register(String subject, Schema schema) {
		this.calls++;
		List<Schema> versions = this.subjects.computeIfAbsent(subject, (key) -> new ArrayList<>());
		if (!versions.contains(schema)) {
			versions.add(schema);
		}
		return this.idsBySchema.computeIfAbsent(schema, (key) -> {
			this.schemasById.put(this.nextId, key);
			return this.nextId++;
		});
	}

	@Override
	public synchronized Schema getById(int id) {
		this.calls++;
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND,
					"Schema " + id + " not found");
		}
		return schema;
	}

	@Override
	public synchronized int lookup(String subject, Schema schema) {
		this.calls++;
		List<Schema> versions = this.subjects.get(subject);
		if (versions == null) {
			throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
					"Subject '" + subject + "' not found.");
		}
		if (!versions.contains(schema)) {
			throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
		}
		return this.idsBySchema.get(schema);
	}

	@Override
	public synchronized List<Integer> versions(String subject) {
		this.calls++;
		int count = this.subjects.getOrDefault(subject, List.of()).size();
		List<Integer> versions = new ArrayList<>();
		for (int version = 1; version <= count; version++) {
			versions.add(version);
		}
		return versions;
	}

	@Override
	public synchronized boolean isCompatible(String subject, Schema schema) {
		this.calls++;
		List<Schema> versions = this.subjects.getOrDefault(subject, List.of());
		return versions.isEmpty()
				|| BackwardCompatibility.problems(schema, versions.get(versions.size() - 1)).isEmpty();
	}

}
