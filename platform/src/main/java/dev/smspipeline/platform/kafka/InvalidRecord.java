package dev.smspipeline.platform.kafka;

/**
 * Marks an exception about a record that can never be processed as it is (a required
 * field missing, a value out of range): it is dead-lettered at once, and counted in
 * {@code sms_dead_letter_records_total} with reason {@code VALIDATION}.
 */
public interface InvalidRecord {

}
