package dev.smspipeline.campaign.lead;

import java.util.List;

/**
 * Answer to deleting a lead.
 *
 * @param recipient the lead's number, E.164
 * @param campaigns each campaign the lead was in
 * @param canceled texts that were held and are now CANCELED ({@code LEAD_DELETED})
 */
public record LeadDeletion(String recipient, List<Affected> campaigns, long canceled) {

	/**
	 * One campaign the lead was in.
	 *
	 * @param id the campaign
	 * @param status its status
	 * @param action {@code REMOVED_FROM_AUDIENCE} (not yet processed),
	 * {@code TEXT_CANCELED} (held text canceled), {@code DISPATCH_NOTIFIED} (text already
	 * released: dispatch drops it if it still holds it)
	 */
	public record Affected(String id, String status, String action) {
	}

}
