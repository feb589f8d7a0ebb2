package dev.smspipeline.registry.store;

/**
 * One version of a subject: what a {@code SCHEMA} record of {@code _schemas} holds.
 *
 * @param subject the subject
 * @param version the version within the subject, from 1
 * @param id the schema's global id
 * @param schema the schema, as JSON
 * @param deleted whether the version was soft-deleted
 */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

}
