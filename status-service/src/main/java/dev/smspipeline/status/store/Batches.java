package dev.smspipeline.status.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.platform.logging.LogContext;

/**
 * How the store's batch listeners read a poll: the readable records up to an unreadable
 * one are written, then the unreadable one is handed to the error handler (which sends it
 * to the dead-letter topic, commits up to it and reads the rest again). A readable record
 * that cannot be stored is logged and skipped.
 */
final class Batches {

	private static final Logger log = LoggerFactory.getLogger(Batches.class);

	private static final LogAccessor logAccessor = new LogAccessor(Batches.class);

	private Batches() {
	}

	private static LogContext.Scope logContext(Object value) {
		if (value instanceof DeliveryStatus status) {
			return LogContext.text(status.getMessageId(), status.getCampaignId(), status.getAccountId());
		}
		if (value instanceof CampaignEvent event) {
			return LogContext.campaign(event.getCampaignId(), event.getAccountId());
		}
		return LogContext.text(null, null, null);
	}

	static <T> void project(List<ConsumerRecord<String, Object>> records, Class<T> type, Predicate<T> storable,
			Consumer<List<T>> write) {
		List<T> values = new ArrayList<>(records.size());
		for (int index = 0; index < records.size(); index++) {
			ConsumerRecord<String, Object> record = records.get(index);
			DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
					KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
			if (failure != null) {
				write(write, values, records.subList(0, index));
				throw new BatchListenerFailedException("Cannot deserialize " + KafkaUtils.format(record), failure,
						index);
			}
			if (type.isInstance(record.value()) && storable.test(type.cast(record.value()))) {
				values.add(type.cast(record.value()));
			}
			else if (record.value() != null) {
				try (LogContext.Scope logs = logContext(record.value())) {
					log.warn("Skipping {}: not a storable {}", KafkaUtils.format(record), type.getSimpleName());
				}
			}
		}
		write(write, values, records);
	}

	/**
	 * Writes {@code values}, read from {@code records}. When the database refuses them
	 * the container retries the whole poll with back-off, for ever; one WARN line per
	 * refused attempt, naming the records and the SQL state, keeps a partition held up by
	 * a refusal visible without a stack trace per retry.
	 */
	private static <T> void write(Consumer<List<T>> write, List<T> values,
			List<ConsumerRecord<String, Object>> records) {
		try {
			write.accept(values);
		}
		catch (DataAccessException | TransactionException ex) {
			log.warn("Database refused {} record(s) of {}, SQL state {}: {}; the batch is retried", values.size(),
					offsets(records), sqlState(ex), ex.getMostSpecificCause().getClass().getSimpleName());
			throw ex;
		}
	}

	/** Each partition's offset range, e.g. {@code sms.delivery-status-3@120..184}. */
	static String offsets(List<ConsumerRecord<String, Object>> records) {
		Map<String, long[]> ranges = new LinkedHashMap<>();
		for (ConsumerRecord<String, Object> record : records) {
			long[] range = ranges.computeIfAbsent(record.topic() + "-" + record.partition(),
					(partition) -> new long[] { record.offset(), record.offset() });
			range[0] = Math.min(range[0], record.offset());
			range[1] = Math.max(range[1], record.offset());
		}
		if (ranges.isEmpty()) {
			return "no records";
		}
		StringJoiner text = new StringJoiner(", ");
		ranges.forEach((partition, range) -> text
			.add(partition + "@" + range[0] + ((range[1] != range[0]) ? ".." + range[1] : "")));
		return text.toString();
	}

	private static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return "unknown";
	}

}
