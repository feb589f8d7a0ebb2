package dev.smspipeline.dispatch.consent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.platform.kafka.deadletter.RejectedRecordException;
import dev.smspipeline.platform.logging.PhoneNumberMask;
import dev.smspipeline.schemas.DeadLetterHeaders;
import dev.smspipeline.schemas.OptOutKey;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;

/**
 * Materialises {@code sms.opt-outs} into the {@code opt_out} table.
 *
 * <ul>
 * <li><strong>Topic and group:</strong> {@value Topics#OPT_OUTS} (compacted), consumer
 * group {@value #GROUP}, shared by every instance (they share the table), read committed,
 * from the earliest offset when the group is new: a new database is filled from the whole
 * compacted topic.</li>
 * <li><strong>Key and ordering:</strong> {@code <accountId>:<e164>} ({@link OptOutKey}),
 * so one recipient's changes arrive in order. OPT_OUT and OPT_IN set the state, unless a
 * later change ({@code occurredAt}) is held; a tombstone forgets the recipient; an action
 * this build does not know is skipped.</li>
 * <li><strong>Commit:</strong> after the row commits, so a crash in between applies the
 * change again (idempotent).</li>
 * <li><strong>Dead letters:</strong> an unreadable record, or one without account or
 * without an E.164 recipient, goes to {@code sms.opt-outs.DLT}; a refused one with
 * {@code x-reason: INVALID_OPT_OUT}, as campaign-service does, so a garbage number never
 * becomes an {@code opt_out} row.</li>
 * </ul>
 */
@Component
class OptOutListener {

	/** The consumer group. */
	static final String GROUP = "dispatch-service-opt-outs";

	private static final Logger log = LoggerFactory.getLogger(OptOutListener.class);

	private final OptOuts optOuts;

	OptOutListener(OptOuts optOuts) {
		this.optOuts = optOuts;
	}

	@KafkaListener(id = GROUP, topics = Topics.OPT_OUTS, groupId = GROUP,
			properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.OptOutChange")
	void onOptOutChange(ConsumerRecord<String, Object> record) {
		if (record.value() == null) {
			OptOutKey key = OptOutKey.parse(record.key())
				.orElseThrow(() -> new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT,
						"A tombstone needs the key <accountId>:<e164>, not " + PhoneNumberMask.maskAll(record.key())));
			this.optOuts.forget(key.accountId(), key.e164());
			return;
		}
		if (!(record.value() instanceof OptOutChange change)) {
			throw new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT,
					"Not an OptOutChange: " + record.value().getClass().getName());
		}
		if (change.getAccountId() == null || change.getAccountId().isBlank()) {
			throw new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT, "accountId: is required");
		}
		// strict, since dispatch has no phone-number library: campaign-service
		// (libphonenumber) would still normalise a spaced or national number
		if (!OptOutKey.isE164(change.getRecipient())) {
			throw new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT,
					"recipient: '" + PhoneNumberMask.mask(change.getRecipient()) + "' is not an E.164 phone number");
		}
		boolean changed = this.optOuts.apply(change);
		log.debug("{} {} for account {}{}", change.getAction(), PhoneNumberMask.mask(change.getRecipient()),
				change.getAccountId(), changed ? "" : ": nothing changed");
	}

}
