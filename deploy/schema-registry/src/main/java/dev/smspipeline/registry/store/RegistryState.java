package dev.smspipeline.registry.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smspipeline.schemas.registry.CompatibilityLevel;

/**
 * What {@code _schemas} says, in memory: the versions of every subject, the schema of
 * every id, and the compatibility levels. Only the store's reader changes it; every
 * method is atomic.
 */
public final class RegistryState {

	private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

	private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();

	private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();

	private CompatibilityLevel globalLevel;

	private int maxId;

	RegistryState() {
	}

	/** The form two schemas are compared in: Avro's own JSON of the parsed schema. */
	public static String canonical(Schema schema) {
		return schema.toString();
	}

	synchronized void put(SchemaVersion version) {
		this.subjects.computeIfAbsent(version.subject(), (subject) -> new TreeMap<>()).put(version.version(), version);
		this.maxId = Math.max(this.maxId, version.id());
		if (!this.schemasById.containsKey(version.id())) {
			try {
				Schema schema = new Schema.Parser().parse(version.schema());
				this.schemasById.put(version.id(), schema);
				this.idsByCanonicalSchema.putIfAbsent(canonical(schema), version.id());
			}
			catch (RuntimeException ex) {
				log.warn("Schema id {} of subject '{}' is not a valid Avro schema: {}", version.id(), version.subject(),
						ex.getMessage());
			}
		}
	}

	synchronized void remove(String subject, int version) {
		NavigableMap<Integer, SchemaVersion> versions = this.subjects.get(subject);
		if (versions != null) {
			versions.remove(version);
			if (versions.isEmpty()) {
				this.subjects.remove(subject);
			}
		}
	}

	synchronized void level(String subject, CompatibilityLevel level) {
		if (subject == null) {
			this.globalLevel = level;
		}
		else if (level == null) {
			this.subjectLevels.remove(subject);
		}
		else {
			this.subjectLevels.put(subject, level);
		}
	}

	/** Every subject with a version that is not deleted, in order. */
	public synchronized List<String> subjects() {
		return this.subjects.keySet().stream().filter((subject) -> !versions(subject).isEmpty()).toList();
	}

	/** The versions of {@code subject} that are not deleted, oldest first. */
	public synchronized List<SchemaVersion> versions(String subject) {
		NavigableMap<Integer, SchemaVersion> versions = this.subjects.get(subject);
		return (versions != null) ? versions.values().stream().filter((version) -> !version.deleted()).toList()
				: List.of();
	}

	/** The highest version number {@code subject} ever had, deleted or not; 0 if none. */
	public synchronized int lastVersionNumber(String subject) {
		NavigableMap<Integer, SchemaVersion> versions = this.subjects.get(subject);
		return (versions != null && !versions.isEmpty()) ? versions.lastKey() : 0;
	}

	/** Every version, of any subject, that has schema {@code id}. */
	public synchronized List<SchemaVersion> versionsWithId(int id) {
		return this.subjects.values()
			.stream()
			.flatMap((versions) -> versions.values().stream())
			.filter((version) -> version.id() == id && !version.deleted())
			.toList();
	}

	/** The schema with global id {@code id}. */
	public synchronized Optional<Schema> schema(int id) {
		return Optional.ofNullable(this.schemasById.get(id));
	}

	/** The id a schema already has, under any subject. */
	public synchronized OptionalInt id(Schema schema) {
		Integer id = this.idsByCanonicalSchema.get(canonical(schema));
		return (id != null) ? OptionalInt.of(id) : OptionalInt.empty();
	}

	/** The highest id given so far; 0 if none. */
	public synchronized int maxId() {
		return this.maxId;
	}

	/** The level set for the whole registry, if any. */
	public synchronized Optional<CompatibilityLevel> globalLevel() {
		return Optional.ofNullable(this.globalLevel);
	}

	/** The level set for {@code subject} itself, if any. */
	public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
		return Optional.ofNullable(this.subjectLevels.get(subject));
	}

}
