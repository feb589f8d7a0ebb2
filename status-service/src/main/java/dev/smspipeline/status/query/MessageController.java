package dev.smspipeline.status.query;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;

/**
 * {@code GET /api/v1/messages/{id}}: a text's current status and full history, for the
 * account that sent it only.
 */
@RestController
@RequestMapping("/api/v1/messages")
class MessageController {

	private final MessageQueries messages;

	MessageController(MessageQueries messages) {
		this.messages = messages;
	}

	@GetMapping("/{id}")
	MessageView message(AccountId account, @PathVariable String id) {
		return this.messages.find(account, id).orElseThrow(() -> Problems.notFound("message", id));
	}

}
