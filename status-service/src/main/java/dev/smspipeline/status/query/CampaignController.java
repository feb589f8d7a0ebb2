package dev.smspipeline.status.query;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;

/**
 * Campaigns of the caller's account, as far as their texts' statuses go:
 * <ul>
 * <li>{@code GET /api/v1/campaigns/{id}/stats}: texts per bucket, first and last
 * submission, completion; 404 for a campaign the account has no texts of (another
 * account's included).</li>
 * <li>{@code GET /api/v1/campaigns}: the same for each campaign, newest first,
 * keyset-paginated ({@code limit} 1–500, default 50; {@code cursor}). The campaigns'
 * names and settings are campaign-service's.</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

	private final CampaignQueries campaigns;

	CampaignController(CampaignQueries campaigns) {
		this.campaigns = campaigns;
	}

	@GetMapping("/{id}/stats")
	CampaignStats stats(AccountId account, @PathVariable String id) {
		return this.campaigns.stats(account, id).orElseThrow(() -> Problems.notFound("campaign", id));
	}

	@GetMapping
	Page<CampaignStats> list(AccountId account, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		int pageSize = QueryParameters.limit(limit);
		return this.campaigns.list(account, Cursor.decode(CampaignQueries.KIND, cursor), pageSize);
	}

}
