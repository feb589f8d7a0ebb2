package dev.smspipeline.status.query;

import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;

/**
 * Texts of the caller's account:
 * <ul>
 * <li>{@code GET /api/v1/messages/{id}}: current status and full history; another
 * account's text answers 404.</li>
 * <li>{@code GET /api/v1/messages?status=error&createdFrom=…&createdTo=…}: texts in a
 * bucket ({@code error}, {@code inQueue}, …) or of one status ({@code UNDELIVERED}),
 * created in {@code [createdFrom, createdTo)} (both optional, ISO-8601 instants), newest
 * first, keyset-paginated ({@code limit} 1–500, default 50; {@code cursor}).</li>
 * </ul>
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

	@GetMapping
	Page<MessageSummary> search(AccountId account, @RequestParam(required = false) String status,
			@RequestParam(required = false) String createdFrom, @RequestParam(required = false) String createdTo,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		QueryParameters.StatusFilter filter = QueryParameters.statusFilter("status", status);
		Instant from = QueryParameters.instant("createdFrom", createdFrom);
		Instant to = QueryParameters.instant("createdTo", createdTo);
		if (from != null && to != null && !from.isBefore(to)) {
			throw Problems.invalid("createdTo", "must be after createdFrom");
		}
		int pageSize = QueryParameters.limit(limit);
		return this.messages.search(account, filter, from, to, Cursor.decode(MessageQueries.SEARCH, cursor), pageSize);
	}

}
