package dev.smspipeline.campaign.lead;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.platform.account.AccountId;

/**
 * Deleting leads, so their unsent texts never go out.
 */
@RestController
class LeadController {

	private final Leads leads;

	LeadController(Leads leads) {
		this.leads = leads;
	}

	/** The lead is deleted from every campaign of the account. */
	@DeleteMapping("/api/v1/leads/{e164}")
	LeadDeletion delete(AccountId account, @PathVariable String e164) {
		return this.leads.delete(account, e164);
	}

	/** The recipient is taken out of one campaign, running or not. */
	@DeleteMapping("/api/v1/campaigns/{id}/recipients/{phone}")
	LeadDeletion deleteFrom(AccountId account, @PathVariable String id, @PathVariable String phone) {
		return this.leads.deleteFrom(account, id, phone);
	}

}
