package dev.smspipeline.campaign.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.message.OneOffMessages;
import dev.smspipeline.campaign.message.OneOffRequest;
import dev.smspipeline.campaign.message.Senders;
import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.kafka.deadletter.RejectedRecordException;
import dev.smspipeline.platform.problem.FieldError;
import dev.smspipeline.schemas.DeadLetterHeaders;
import dev.smspipeline.schemas.serde.AvroDeserializer;

/**
 * Reads a {@code crm.sms-requests} value and checks it as the API checks a request;
 * whatever cannot become a text is a {@link RejectedRecordException} with the reason for
 * the dead letter's {@code x-reason}:
 * <ul>
 * <li>{@value #UNREADABLE}: not a record in the Confluent Avro wire format, an unknown
 * schema, a record of another type, or no value (a tombstone);</li>
 * <li>{@value #MISSING_FIELD} / {@value #INVALID_FIELD}: no {@code eventId},
 * {@code recipient} or {@code body}, an {@code eventId} that is no idempotency key, a
 * body over the segment limit;</li>
 * <li>{@value #UNKNOWN_ACCOUNT}: an {@code accountId} that is no account of this
 * service.</li>
 * </ul>
 * A number that is not valid or not allowed is not a reason here: the text is created and
 * ends REJECTED, as over the API.
 */
@Component
class CrmRequestReader {

	static final String UNREADABLE = DeadLetterHeaders.UNREADABLE;

	static final String MISSING_FIELD = "MISSING_FIELD";

	static final String INVALID_FIELD = "INVALID_FIELD";

	static final String UNKNOWN_ACCOUNT = "UNKNOWN_ACCOUNT";

	private final AvroDeserializer<Object> deserializer = new AvroDeserializer<>();

	private final OneOffMessages messages;

	private final JdbcTemplate jdbc;

	private final Senders senders;

	CrmRequestReader(ConsumerFactory<?, ?> consumers, OneOffMessages messages, JdbcTemplate jdbc, Senders senders) {
		this.senders = senders;
		this.deserializer.configure(consumers.getConfigurationProperties(), false);
		this.messages = messages;
		this.jdbc = jdbc;
	}

	/**
	 * Decodes a value.
	 * @param topic the topic it was read from
	 * @param value its bytes
	 * @return the request
	 */
	CrmSmsRequest read(String topic, byte[] value) {
		if (value == null) {
			throw new RejectedRecordException(UNREADABLE, "No value: a CrmSmsRequest was expected");
		}
		Object decoded;
		try {
			decoded = this.deserializer.deserialize(topic, value);
		}
		catch (SerializationException ex) {
			throw new RejectedRecordException(UNREADABLE, ex.getMessage());
		}
		if (!(decoded instanceof CrmSmsRequest request)) {
			throw new RejectedRecordException(UNREADABLE,
					"Not a CrmSmsRequest: " + ((decoded != null) ? decoded.getClass().getName() : "null"));
		}
		return request;
	}

	/**
	 * The account a request belongs to, if this service knows it.
	 * @param request the request
	 * @return the account
	 */
	AccountId account(CrmSmsRequest request) {
		String id = request.getAccountId();
		if (id == null || id.isBlank()) {
			throw new RejectedRecordException(MISSING_FIELD, "accountId: is required");
		}
		AccountId account;
		try {
			account = new AccountId(id);
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException(UNKNOWN_ACCOUNT, "accountId: '" + id + "' is no account id");
		}
		Boolean known = this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM account WHERE id = ?)", Boolean.class,
				id);
		if (!Boolean.TRUE.equals(known)) {
			throw new RejectedRecordException(UNKNOWN_ACCOUNT, "accountId: no account '" + id + "'");
		}
		return account;
	}

	/**
	 * The event id, checked as an idempotency key.
	 * @param request the request
	 * @return the key
	 */
	String eventId(CrmSmsRequest request) {
		String eventId = request.getEventId();
		if (eventId == null || eventId.isEmpty()) {
			throw new RejectedRecordException(MISSING_FIELD, "eventId: is required");
		}
		String problem = this.messages.checkKey(eventId);
		if (problem != null) {
			throw new RejectedRecordException(INVALID_FIELD, "eventId: " + problem);
		}
		return eventId;
	}

	/**
	 * The one-off request it describes, checked as the API checks one. Its validity runs
	 * from its {@code requestedAt}, or the record's timestamp when it has none, so a
	 * record read late (a consumer-group reset, a replay) ends EXPIRED instead of being
	 * sent late.
	 * @param request the record
	 * @param recordTimestamp the record's producer timestamp, or {@code null}
	 * @return the request
	 */
	OneOffRequest oneOff(CrmSmsRequest request, Instant recordTimestamp) {
		OneOffRequest oneOff = new OneOffRequest(request.getRecipient(), request.getBody(), request.getSender(),
				request.getCampaignId(), request.getAllowDuplicate(), request.getSendAt(),
				(request.getAttributes() != null) ? Map.copyOf(request.getAttributes()) : Map.of(),
				request.getPriority(), request.getRespectQuietHours(),
				(request.getRequestedAt() != null) ? request.getRequestedAt() : recordTimestamp);
		List<FieldError> errors = this.messages.validate(oneOff);
		if (!errors.isEmpty()) {
			boolean missing = errors.stream().anyMatch((error) -> error.reason().equals("is required"));
			throw new RejectedRecordException(missing ? MISSING_FIELD : INVALID_FIELD,
					errors.stream()
						.map((error) -> error.field() + ": " + error.reason())
						.reduce((a, b) -> a + "; " + b)
						.orElseThrow());
		}
		if (oneOff.sender() != null && !oneOff.sender().isBlank()) {
			String sender = this.senders.owned(new AccountId(request.getAccountId()), oneOff.sender())
				.orElseThrow(() -> new RejectedRecordException(INVALID_FIELD, "sender: " + Senders.NOT_OWNED));
			oneOff = oneOff.withSender(sender);
		}
		return oneOff;
	}

}
