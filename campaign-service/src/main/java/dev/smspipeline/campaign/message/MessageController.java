package dev.smspipeline.campaign.message;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.events.RequestSource;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.FieldError;
import dev.smspipeline.platform.problem.Problems;

/**
 * {@code POST /api/v1/messages}: one text, answered 202 once it is recorded (see
 * {@link OneOffMessages}).
 * <ul>
 * <li>{@code Idempotency-Key} (optional, up to 255 characters, per account): a repeat
 * within the retention ({@code sms.messages.idempotency.retention}, 7 days) answers the
 * first answer again, same status and body, with {@value #REPLAYED}{@code : true}, and
 * sends nothing; the same key with a different request answers 422.</li>
 * <li>The same recipient and body within the duplicate window (2 min) answers the first
 * text's id with {@code duplicateOf} and sends nothing, unless
 * {@code "allowDuplicate": true}.</li>
 * <li>A {@code sendAt} more than a second ahead, or the recipient's quiet hours with
 * {@code "respectQuietHours": true}, answers SCHEDULED with {@code releaseAt}: the text
 * is held here and handed to dispatch then. A {@code sendAt} more than
 * {@code sms.messages.max-schedule-ahead} (30 days) ahead answers 400 naming
 * {@code sendAt}. A text that cannot go out within its validity answers EXPIRED with its
 * reason code, as a rejected one answers REJECTED.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/messages")
class MessageController {

	/** Header of the request's idempotency key. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Header set on an answer repeated under its idempotency key. */
	static final String REPLAYED = "Idempotent-Replayed";

	private final OneOffMessages messages;

	private final Senders senders;

	MessageController(OneOffMessages messages, Senders senders) {
		this.messages = messages;
		this.senders = senders;
	}

	@PostMapping
	ResponseEntity<MessageAccepted> send(AccountId account,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@Valid @RequestBody SendMessageRequest request) {
		OneOffRequest oneOff = request.toOneOff();
		List<FieldError> errors = this.messages.validate(oneOff);
		if (!errors.isEmpty()) {
			throw Problems.invalid(errors);
		}
		if (oneOff.sender() != null && !oneOff.sender().isBlank()) {
			oneOff = oneOff.withSender(this.senders.owned(account, oneOff.sender())
				.orElseThrow(() -> Problems.unprocessable("sender", Senders.NOT_OWNED)));
		}
		if (idempotencyKey != null) {
			String problem = this.messages.checkKey(idempotencyKey);
			if (problem != null) {
				throw Problems.invalid(IDEMPOTENCY_KEY, problem);
			}
		}
		OneOffMessages.Outcome outcome;
		try {
			outcome = this.messages.accept(account, oneOff, RequestSource.REST_API, idempotencyKey);
		}
		catch (IdempotencyKeyReusedException ex) {
			throw Problems.unprocessable(IDEMPOTENCY_KEY, ex.getMessage());
		}
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(outcome.statusCode());
		if (outcome.replayed()) {
			answer.header(REPLAYED, "true");
		}
		return answer.body(outcome.answer());
	}

}
