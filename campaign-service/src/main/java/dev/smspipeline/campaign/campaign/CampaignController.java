package dev.smspipeline.campaign.campaign;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.campaign.audience.UploadReport;
import dev.smspipeline.platform.account.AccountId;

/**
 * {@code /api/v1/campaigns}: campaigns of the caller's account. Another account's
 * campaign answers 404; a change the campaign's status forbids answers 409; bad input
 * answers 400 with the field and the reason; all as problem+json.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final Campaigns campaigns;

	CampaignController(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	/** Creates a DRAFT. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CampaignView> create(AccountId account, @RequestBody CampaignRequest request) {
		CampaignView campaign = this.campaigns.create(account, request);
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).body(campaign);
	}

	/** A page of the account's campaigns, newest first, optionally of one status. */
	@GetMapping
	CampaignPage list(AccountId account, @RequestParam(required = false) String status,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit) {
		return this.campaigns.page(account, status, cursor, limit);
	}

	/** One campaign: status, counts, segments, timestamps, failure reason. */
	@GetMapping("/{id}")
	CampaignView get(AccountId account, @PathVariable String id) {
		return this.campaigns.get(account, id);
	}

	/**
	 * Edits a DRAFT (JSON merge patch: a field given replaces it, {@code null} removes
	 * it, {@code recipients} replaces the inline audience). 409 once activated.
	 */
	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON })
	CampaignView patch(AccountId account, @PathVariable String id, @RequestBody JsonNode patch) {
		return this.campaigns.patch(account, id, patch);
	}

	/** An editable DRAFT copy of any campaign, audience included. */
	@PostMapping("/{id}/duplicate")
	ResponseEntity<CampaignView> duplicate(AccountId account, @PathVariable String id) {
		CampaignView copy = this.campaigns.duplicate(account, id);
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + copy.id())).body(copy);
	}

	/** DRAFT → SCHEDULED: it starts at its {@code sendAt}, or at once. */
	@PostMapping("/{id}/activate")
	CampaignView activate(AccountId account, @PathVariable String id) {
		return this.campaigns.activate(account, id);
	}

	/**
	 * SCHEDULED → DRAFT; PROCESSING or SENDING → CANCELED, every text not yet released
	 * ending CANCELED; 409 otherwise.
	 */
	@PostMapping("/{id}/cancel")
	CampaignView cancel(AccountId account, @PathVariable String id) {
		return this.campaigns.cancel(account, id);
	}

	/**
	 * Adds a CSV audience to a DRAFT: header {@code phone,timezone,firstName,...}, one
	 * recipient per row. Broken rows are reported by line number, the others kept. The
	 * body is spooled to disk first (413 over the size limit), so a slow client holds no
	 * database connection; an account with its most uploads in progress answers 429 with
	 * {@code Retry-After} before its body is read.
	 */
	@PostMapping(path = "/{id}/audience", consumes = { "text/csv", "application/csv" })
	UploadReport upload(AccountId account, @PathVariable String id, HttpServletRequest request) throws IOException {
		return this.campaigns.upload(account, id, request.getInputStream());
	}

}
