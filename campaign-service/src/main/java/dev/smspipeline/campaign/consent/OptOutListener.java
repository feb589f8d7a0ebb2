package dev.smspipeline.campaign.consent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.platform.kafka.deadletter.RejectedRecordException;
import dev.smspipeline.schemas.OptOutKey;
import dev.smspipeline.schemas.DeadLetterHeaders;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;
import dev.smspipeline.platform.logging.PhoneNumberMask;

/**
 * Materialises {@code sms.opt-outs} into the suppression list ({@link OptOuts}).
 * <ul>
 * <li><b>Topic and group:</b> {@code sms.opt-outs} (compacted), consumer group
 * {@value #GROUP}, read_committed, shared by every instance (they share the table); from
 * the earliest offset when the group is new, so a new database is filled from the whole
 * compacted topic.</li>
 * <li><b>Key and ordering:</b> {@code <accountId>:<e164>} ({@link OptOutKey}), so one
 * recipient's changes arrive in the order they were published. A value of action OPT_OUT
 * adds the recipient to the account's list, OPT_IN takes them off, a tombstone (null
 * value) forgets them; a change older ({@code occurredAt}) than the one held is ignored,
 * and an action this build does not know ({@code UNKNOWN}) is skipped.</li>
 * <li><b>Commit:</b> the change commits in the database first; the record's offset is
 * committed after it (ack mode RECORD), so a crash in between applies it again.</li>
 * <li><b>Idempotent:</b> applying the same change twice leaves the same row; the API's
 * own changes (applied when the call was made) come back here without effect.</li>
 * <li><b>Dead letters:</b> a record that cannot be deserialized, is not an
 * {@code OptOutChange}, or has no account or no valid number goes to
 * {@code sms.opt-outs.DLT} at once, with {@code x-reason} ({@code UNREADABLE},
 * {@code INVALID_OPT_OUT}); other failures are retried without end (see
 * {@link OptOutsKafkaConfiguration}).</li>
 * </ul>
 */
@Component
class OptOutListener {

	/** The consumer group. */
	static final String GROUP = "campaign-service-opt-outs";

	private static final Logger log = LoggerFactory.getLogger(OptOutListener.class);

	private final OptOuts optOuts;

	private final PhoneNumbers phoneNumbers;

	private final TransactionTemplate transactions;

	OptOutListener(OptOuts optOuts, PhoneNumbers phoneNumbers, TransactionTemplate transactions) {
		this.optOuts = optOuts;
		this.phoneNumbers = phoneNumbers;
		this.transactions = transactions;
	}

	@KafkaListener(id = "campaign-service-opt-outs", groupId = GROUP, topics = Topics.OPT_OUTS,
			containerFactory = OptOutsKafkaConfiguration.CONTAINER_FACTORY,
			properties = AvroSerdeConfig.VALUE_TYPE + "=dev.smspipeline.events.OptOutChange")
	void onChange(ConsumerRecord<String, Object> record) {
		if (record.value() == null) {
			forget(record.key());
			return;
		}
		if (!(record.value() instanceof OptOutChange change)) {
			throw new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT,
					"Not an OptOutChange: " + record.value().getClass().getName());
		}
		if (change.getAccountId() == null || change.getAccountId().isBlank()) {
			throw new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT, "accountId: is required");
		}
		String e164 = this.phoneNumbers.e164(change.getRecipient())
			.orElseThrow(() -> new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT,
					"recipient: '" + PhoneNumberMask.mask(change.getRecipient()) + "' is not a valid phone number"));
		change.setRecipient(e164);
		Boolean changed = this.transactions.execute((status) -> this.optOuts.apply(change));
		log.debug("{} {} for account {} ({}, {}){}", change.getAction(), PhoneNumberMask.mask(e164),
				change.getAccountId(), change.getSource(), change.getKeyword(),
				Boolean.TRUE.equals(changed) ? "" : ": nothing changed");
	}

	private void forget(String key) {
		OptOutKey parsed = OptOutKey.parse(key)
			.orElseThrow(() -> new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT,
					"A tombstone needs the key <accountId>:<e164>, not " + PhoneNumberMask.maskAll(key)));
		String account = parsed.accountId();
		String e164 = this.phoneNumbers.e164(parsed.e164())
			.orElseThrow(() -> new RejectedRecordException(DeadLetterHeaders.INVALID_OPT_OUT,
					"Tombstone key " + account + ":" + PhoneNumberMask.mask(parsed.e164()) + " names no valid number"));
		this.transactions.executeWithoutResult((status) -> this.optOuts.remove(account, e164));
		log.debug("Forgot {} for account {} (tombstone)", PhoneNumberMask.mask(e164), account);
	}

}
