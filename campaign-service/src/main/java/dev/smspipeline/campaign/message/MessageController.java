package dev.smspipeline.campaign.message;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.platform.account.AccountId;

/**
 * {@code POST /api/v1/messages}: one text, answered 202 once the broker holds it.
 */
@RestController
@RequestMapping("/api/v1/messages")
class MessageController {

	private final OneOffMessages messages;

	MessageController(OneOffMessages messages) {
		this.messages = messages;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	MessageAccepted send(AccountId account, @Valid @RequestBody SendMessageRequest request) {
		return this.messages.send(account, request);
	}

}
