package dev.smspipeline.campaign.outbox;

import java.sql.PreparedStatement;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.smspipeline.platform.observability.TraceContexts;

/**
 * Writes records to publish into the {@code outbox} table, inside the caller's database
 * transaction: they are published if and only if that transaction commits. Records of one
 * key are published in the order they were written, provided the writers of one key are
 * serialized (every writer of a campaign's events holds the campaign's row lock, every
 * writer of a text's statuses holds the text's row lock). Each row keeps the W3C trace
 * context of the request or record that wrote it, so the relay's publish continues its
 * trace.
 */
@Component
public class Outbox {

	private static final String INSERT = """
			INSERT INTO outbox (topic, record_key, record_type, payload, trace_parent)
			SELECT t.*, ?::text FROM unnest(?::text[], ?::text[], ?::text[], ?::bytea[]) AS t
			""";

	private final JdbcTemplate jdbc;

	private final OutboxSignal signal;

	private final TraceContexts traces;

	Outbox(JdbcTemplate jdbc, OutboxSignal signal, TraceContexts traces) {
		this.jdbc = jdbc;
		this.signal = signal;
		this.traces = traces;
	}

	/**
	 * Adds one record to publish when the current transaction commits.
	 * @param topic where to
	 * @param key its key
	 * @param record its value
	 */
	public void add(String topic, String key, SpecificRecord record) {
		addAll(List.of(new Entry(topic, key, record)));
	}

	/**
	 * Adds records to publish when the current transaction commits, in this order.
	 * @param entries the records
	 */
	public void addAll(List<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Outbox records are written inside the transaction of their change");
		}
		int size = entries.size();
		String[] topics = new String[size];
		String[] keys = new String[size];
		String[] types = new String[size];
		byte[][] payloads = new byte[size][];
		String traceParent = this.traces.current();
		for (int i = 0; i < size; i++) {
			Entry entry = entries.get(i);
			topics[i] = entry.topic();
			keys[i] = entry.key();
			types[i] = OutboxRecords.type(entry.record());
			payloads[i] = OutboxRecords.encode(entry.record());
		}
		this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				insert.setString(1, traceParent);
				insert.setArray(2, connection.createArrayOf("text", topics));
				insert.setArray(3, connection.createArrayOf("text", keys));
				insert.setArray(4, connection.createArrayOf("text", types));
				insert.setArray(5, connection.createArrayOf("bytea", payloads));
				return insert.executeUpdate();
			}
		});
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.signal.nudge();
			}
		});
	}

	/**
	 * One record to publish.
	 *
	 * @param topic where to
	 * @param key its key
	 * @param record its value
	 */
	public record Entry(String topic, String key, SpecificRecord record) {
	}

}
