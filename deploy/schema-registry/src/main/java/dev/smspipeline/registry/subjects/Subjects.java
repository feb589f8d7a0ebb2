package dev.smspipeline.registry.subjects;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

import dev.smspipeline.registry.compatibility.CompatibilityRules;
import dev.smspipeline.registry.store.RegistryState;
import dev.smspipeline.registry.store.SchemaStore;
import dev.smspipeline.registry.store.SchemaVersion;
import dev.smspipeline.schemas.registry.CompatibilityLevel;

/**
 * Registering, finding and checking schemas, as Confluent's registry does it: a schema
 * has one global id whichever subjects it is under, registering it again under a subject
 * is answered with the version it already has, and a new version must pass the subject's
 * compatibility level (its own, else the global one, else BACKWARD).
 *
 * <p>
 * Registrations and level changes are serialized, so an id is the highest so far plus
 * one; each is in {@code _schemas} before it is answered.
 */
public final class Subjects {

	/** The level of a subject when neither it nor the registry has one set. */
	public static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

	private final SchemaStore store;

	private final RegistryState state;

	private final Object writes = new Object();

	public Subjects(SchemaStore store) {
		this.store = store;
		this.state = store.state();
	}

	/**
	 * Registers {@code schemaText} under {@code subject}.
	 * @return the version, new or the one the schema already had
	 */
	public SchemaVersion register(String subject, String schemaText) {
		Schema schema = parse(schemaText);
		synchronized (this.writes) {
			List<SchemaVersion> versions = this.state.versions(subject);
			Optional<SchemaVersion> existing = find(versions, schema);
			if (existing.isPresent()) {
				return existing.get();
			}
			List<String> problems = CompatibilityRules.problems(level(subject), schema, schemas(versions));
			if (!problems.isEmpty()) {
				throw RegistryError.incompatible(subject, problems);
			}
			int id = this.state.id(schema).orElse(this.state.maxId() + 1);
			SchemaVersion version = new SchemaVersion(subject, this.state.lastVersionNumber(subject) + 1, id,
					RegistryState.canonical(schema), false);
			this.store.append(version);
			return version;
		}
	}

	/** The version of {@code subject} that has {@code schemaText}. */
	public SchemaVersion lookup(String subject, String schemaText) {
		Schema schema = parse(schemaText);
		return find(existingVersions(subject), schema).orElseThrow(RegistryError::schemaNotFound);
	}

	/** The schema with global id {@code id}, as JSON. */
	public String schema(int id) {
		return this.state.schema(id).map(RegistryState::canonical).orElseThrow(() -> schemaNotFound(id));
	}

	/** Every subject and version that has schema {@code id}. */
	public List<SchemaVersion> versionsWithId(int id) {
		this.state.schema(id).orElseThrow(() -> schemaNotFound(id));
		return this.state.versionsWithId(id);
	}

	public List<String> subjects() {
		return this.state.subjects();
	}

	/** The version numbers of {@code subject}, oldest first. */
	public List<Integer> versions(String subject) {
		return existingVersions(subject).stream().map(SchemaVersion::version).toList();
	}

	/**
	 * One version of {@code subject}.
	 * @param version a version number, or {@code latest} (or {@code -1})
	 */
	public SchemaVersion version(String subject, String version) {
		List<SchemaVersion> versions = existingVersions(subject);
		int number = versionNumber(version);
		if (number == -1) {
			return versions.get(versions.size() - 1);
		}
		return versions.stream()
			.filter((candidate) -> candidate.version() == number)
			.findFirst()
			.orElseThrow(() -> RegistryError.versionNotFound(number));
	}

	/**
	 * Why {@code schemaText} may not follow a version of {@code subject} at the subject's
	 * level; empty when it may.
	 * @param version a version number, or {@code latest} to check as a registration would
	 */
	public List<String> compatibilityProblems(String subject, String version, String schemaText) {
		Schema schema = parse(schemaText);
		List<SchemaVersion> earlier = (versionNumber(version) == -1) ? this.state.versions(subject)
				: List.of(version(subject, version));
		return CompatibilityRules.problems(level(subject), schema, schemas(earlier));
	}

	/** The global level: as set, else {@link #DEFAULT_LEVEL}. */
	public CompatibilityLevel globalLevel() {
		return this.state.globalLevel().orElse(DEFAULT_LEVEL);
	}

	/**
	 * The level set for {@code subject}.
	 * @param defaultToGlobal answer the global level when the subject has none, instead
	 * of error 40408
	 */
	public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
		Optional<CompatibilityLevel> level = this.state.subjectLevel(subject);
		if (level.isEmpty() && !defaultToGlobal) {
			throw RegistryError.subjectLevelNotFound(subject);
		}
		return level.orElseGet(this::globalLevel);
	}

	/**
	 * Sets a level.
	 * @param subject the subject, or {@code null} for the global level
	 * @param level the level's name, in any case
	 */
	public CompatibilityLevel updateLevel(String subject, String level) {
		CompatibilityLevel parsed;
		try {
			parsed = CompatibilityLevel.forName(level);
		}
		catch (RuntimeException ex) {
			throw RegistryError.invalidLevel(level);
		}
		synchronized (this.writes) {
			this.store.append(subject, parsed);
		}
		return parsed;
	}

	private CompatibilityLevel level(String subject) {
		return subjectLevel(subject, true);
	}

	private List<SchemaVersion> existingVersions(String subject) {
		List<SchemaVersion> versions = this.state.versions(subject);
		if (versions.isEmpty()) {
			throw RegistryError.subjectNotFound(subject);
		}
		return versions;
	}

	private Optional<SchemaVersion> find(List<SchemaVersion> versions, Schema schema) {
		String canonical = RegistryState.canonical(schema);
		return versions.stream()
			.filter((version) -> this.state.schema(version.id())
				.map((existing) -> RegistryState.canonical(existing).equals(canonical))
				.orElse(false))
			.findFirst();
	}

	private List<Schema> schemas(List<SchemaVersion> versions) {
		return versions.stream().flatMap((version) -> this.state.schema(version.id()).stream()).toList();
	}

	private static Schema parse(String schemaText) {
		if (schemaText == null || schemaText.isBlank()) {
			throw RegistryError.invalidSchema("empty schema");
		}
		try {
			return new Schema.Parser().parse(schemaText);
		}
		catch (RuntimeException ex) {
			throw RegistryError.invalidSchema(ex.getMessage());
		}
	}

	private static int versionNumber(String version) {
		if ("latest".equals(version)) {
			return -1;
		}
		try {
			int number = Integer.parseInt(version);
			if (number == -1 || number >= 1) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw RegistryError.invalidVersion(version);
	}

	private static RegistryError schemaNotFound(int id) {
		return RegistryError.schemaNotFound(String.valueOf(id));
	}

}
