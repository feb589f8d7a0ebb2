package dev.smspipeline.status.query;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;

/**
 * Recipients of the caller's account, keyset-paginated newest first ({@code limit} 1–500,
 * default 50; {@code cursor}):
 * <ul>
 * <li>{@code GET /api/v1/recipients/{e164}/messages}: the texts to one number.</li>
 * <li>{@code GET /api/v1/recipients?latestStatus=error}: numbers whose latest text is in
 * that bucket or of that status ("leads whose last text failed").</li>
 * <li>{@code GET /api/v1/recipients?minFailed=N}: numbers with at least N texts in the
 * error bucket (1: any failure). Both parameters together narrow each other.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/recipients")
class RecipientController {

	private final MessageQueries messages;

	private final RecipientQueries recipients;

	RecipientController(MessageQueries messages, RecipientQueries recipients) {
		this.messages = messages;
		this.recipients = recipients;
	}

	@GetMapping("/{e164}/messages")
	Page<MessageSummary> messages(AccountId account, @PathVariable String e164,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		String recipient = QueryParameters.e164("e164", e164);
		int pageSize = QueryParameters.limit(limit);
		return this.messages.toRecipient(account, recipient, Cursor.decode(MessageQueries.RECIPIENT, cursor), pageSize);
	}

	@GetMapping
	Page<RecipientView> search(AccountId account, @RequestParam(required = false) String latestStatus,
			@RequestParam(required = false) String minFailed, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		boolean byLatest = latestStatus != null && !latestStatus.isBlank();
		boolean byFailures = minFailed != null && !minFailed.isBlank();
		if (!byLatest && !byFailures) {
			throw Problems.invalid("latestStatus",
					"give latestStatus (e.g. error) or minFailed (e.g. 2), or both, to search recipients");
		}
		QueryParameters.StatusFilter latest = byLatest ? QueryParameters.statusFilter("latestStatus", latestStatus)
				: null;
		Integer failures = byFailures ? QueryParameters.positive("minFailed", minFailed) : null;
		int pageSize = QueryParameters.limit(limit);
		return this.recipients.search(account, latest, failures, Cursor.decode(RecipientQueries.KIND, cursor),
				pageSize);
	}

}
