package dev.smspipeline.campaign.intake;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.message.IdempotencyKeyReusedException;
import dev.smspipeline.campaign.message.OneOffMessages;
import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.kafka.deadletter.RejectedRecordException;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.platform.logging.LogContext;

/**
 * The Kafka entry point for CRM producers: each {@code CrmSmsRequest} becomes a one-off
 * text exactly as a {@code POST /api/v1/messages} does ({@link OneOffMessages}), with the
 * record's {@code eventId} as its idempotency key.
 * <ul>
 * <li><b>Topic and group:</b> {@code crm.sms-requests}, consumer group {@value #GROUP},
 * read_committed, shared by every instance, {@code sms.intake.concurrency} consumers
 * each.</li>
 * <li><b>Key and ordering:</b> any key (CRM producers choose; the key is not read).
 * Records of one partition are handled one at a time, in order; texts to one number are
 * ordered on {@code sms.message-requested} in the order their requests were
 * recorded.</li>
 * <li><b>Commit:</b> the request is recorded first: its idempotency key, its answer and
 * its records ({@code MessageRequested} and REQUESTED, or REJECTED) commit in one
 * database transaction, published by the outbox relay. The offsets are committed once
 * every record of the poll has been recorded (ack mode BATCH), so a crash in between
 * delivers them again; a record dead-lettered in the middle of a poll has the offsets up
 * to it committed by the error handler.</li>
 * <li><b>Late records:</b> a record whose {@code requestedAt} (or, without one, its
 * timestamp) is older than the validity ({@code sms.messages.validity}) when it is read,
 * say after a consumer-group reset, ends EXPIRED ({@code VALIDITY_PASSED_BEFORE_INTAKE})
 * and is never sent late.</li>
 * <li><b>Idempotent:</b> a redelivered record, or another record with the same
 * {@code eventId} and the same request, finds its key and changes nothing. The same
 * (account, recipient, body) within the duplicate window sends nothing either, unless
 * {@code allowDuplicate}. A number that cannot be texted, an opted-out recipient and a
 * content rule hit are texts that end REJECTED, not dead letters.</li>
 * <li><b>Dead letters:</b> {@code crm.sms-requests.DLT}, same partition, the original key
 * and value bytes, Spring's {@code kafka_dlt-*} headers and {@code x-reason}: at once for
 * a record that cannot become a text ({@code UNREADABLE}, {@code MISSING_FIELD},
 * {@code INVALID_FIELD}, {@code UNKNOWN_ACCOUNT}, or {@code IDEMPOTENCY_KEY_REUSED} for
 * an {@code eventId} already used for a different request); after
 * {@code sms.intake.retry-max-elapsed} of retries for one whose handling keeps failing
 * ({@code PROCESSING_FAILED}). Either way its offset is then committed and consumption
 * goes on.</li>
 * </ul>
 */
@Component
class CrmIntakeListener {

	/** The consumer group. */
	static final String GROUP = "campaign-service-crm-intake";

	static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

	private final CrmRequestReader reader;

	private final OneOffMessages messages;

	CrmIntakeListener(CrmRequestReader reader, OneOffMessages messages) {
		this.reader = reader;
		this.messages = messages;
	}

	/**
	 * The record's timestamp (the producer's, or the broker's append time), if it has
	 * one.
	 */
	private static Instant producedAt(ConsumerRecord<?, ?> record) {
		return (record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE && record.timestamp() >= 0)
				? Instant.ofEpochMilli(record.timestamp()) : null;
	}

	@KafkaListener(id = "campaign-service-crm-intake", groupId = GROUP, topics = Topics.CRM_SMS_REQUESTS,
			containerFactory = CrmIntakeKafkaConfiguration.CONTAINER_FACTORY)
	void onRequest(ConsumerRecord<byte[], byte[]> record) {
		CrmSmsRequest request = this.reader.read(record.topic(), record.value());
		String eventId = this.reader.eventId(request);
		AccountId account = this.reader.account(request);
		var oneOff = this.reader.oneOff(request, producedAt(record));
		try (LogContext.Scope logs = LogContext.account(account.value())) {
			this.messages.accept(account, oneOff, RequestSource.CRM_TOPIC, eventId);
		}
		catch (IdempotencyKeyReusedException ex) {
			throw new RejectedRecordException(IDEMPOTENCY_KEY_REUSED, "eventId: " + ex.getMessage());
		}
	}

}
