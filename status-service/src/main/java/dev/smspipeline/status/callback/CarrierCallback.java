package dev.smspipeline.status.callback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.FieldError;
import dev.smspipeline.platform.problem.Problems;
import dev.smspipeline.schemas.EventIds;

/**
 * One status callback, as far as this service reads it. {@code messageId} and
 * {@code accountId} come from the query string dispatch put in the callback URL; the rest
 * are Twilio's form fields. The signature covers both.
 *
 * @param messageId our id of the text
 * @param accountId the account it belongs to
 * @param messageSid the carrier's SID of the text
 * @param carrierStatus the carrier's {@code MessageStatus}, verbatim
 * @param to the recipient, or {@code null}
 * @param from the sender, or {@code null}
 * @param errorCode the carrier's {@code ErrorCode}, verbatim, or {@code null}
 * @param errorMessage the carrier's {@code ErrorMessage}, or {@code null}
 */
record CarrierCallback(String messageId, AccountId accountId, String messageSid, String carrierStatus, String to,
		String from, String errorCode, String errorMessage) {

	private static final int MAX_ID_LENGTH = 128;

	/**
	 * Reads a callback's parameters, or answers 400 problem+json naming every field that
	 * keeps it from being attributed to a text.
	 */
	static CarrierCallback from(MultiValueMap<String, String> params) {
		List<FieldError> errors = new ArrayList<>();
		String messageId = text(params, "messageId");
		if (messageId == null) {
			errors.add(new FieldError("messageId", "is required in the callback URL's query"));
		}
		else if (messageId.length() > MAX_ID_LENGTH) {
			errors.add(new FieldError("messageId", "is longer than " + MAX_ID_LENGTH + " characters"));
		}
		String accountText = text(params, "accountId");
		AccountId accountId = null;
		if (accountText == null) {
			errors.add(new FieldError("accountId", "is required in the callback URL's query"));
		}
		else {
			try {
				accountId = new AccountId(accountText);
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("accountId", "is not a valid account id"));
			}
		}
		String messageSid = text(params, "MessageSid");
		if (messageSid == null) {
			errors.add(new FieldError("MessageSid", "is required"));
		}
		else if (messageSid.length() > MAX_ID_LENGTH) {
			errors.add(new FieldError("MessageSid", "is longer than " + MAX_ID_LENGTH + " characters"));
		}
		String carrierStatus = text(params, "MessageStatus");
		if (carrierStatus == null) {
			errors.add(new FieldError("MessageStatus", "is required"));
		}
		if (!errors.isEmpty()) {
			throw Problems.invalid(errors);
		}
		return new CarrierCallback(messageId, accountId, messageSid, carrierStatus, text(params, "To"),
				text(params, "From"), text(params, "ErrorCode"), text(params, "ErrorMessage"));
	}

	/**
	 * The status event of this callback. Its id is {@code <MessageSid>:<status>} plus
	 * {@code :<ErrorCode>} when there is one, so the carrier posting the same callback
	 * again is the same event.
	 */
	DeliveryStatus toEvent(MessageStatus status, Instant now) {
		return DeliveryStatus.newBuilder()
			.setEventId(EventIds.carrierCallback(this.messageSid, status, this.errorCode))
			.setMessageId(this.messageId)
			.setAccountId(this.accountId.value())
			.setRecipient(this.to)
			.setSender(this.from)
			.setStatus(status)
			.setCarrierErrorCode(this.errorCode)
			.setCarrierErrorDescription(
					(this.errorCode != null) ? CarrierErrorCodes.describe(this.errorCode, this.errorMessage) : null)
			.setCarrierMessageId(this.messageSid)
			.setOccurredAt(now)
			.setSource(StatusSource.CARRIER_CALLBACK)
			.setAttributes(Map.of())
			.build();
	}

	private static String text(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		if (value == null) {
			return null;
		}
		value = value.trim();
		return value.isEmpty() ? null : value;
	}

}
