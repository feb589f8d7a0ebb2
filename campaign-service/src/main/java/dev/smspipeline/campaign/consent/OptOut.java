package dev.smspipeline.campaign.consent;

import java.time.Instant;

/**
 * A recipient's standing with an account, as the suppression list holds it; the answer of
 * {@code GET /api/v1/opt-outs/{e164}}.
 *
 * @param recipient the number, E.164
 * @param optedOut whether texts of the account to it are refused
 * @param source what changed it last: {@code INBOUND_KEYWORD}, {@code CARRIER_ERROR},
 * {@code API}
 * @param keyword the reply that changed it (STOP, START, ...), if any
 * @param changedAt when it changed
 */
public record OptOut(String recipient, boolean optedOut, String source, String keyword, Instant changedAt) {

	/** The reason code of a text refused because its recipient opted out. */
	public static final String OPTED_OUT = "OPTED_OUT";

	/** Why a text to this recipient is refused, for a person to read. */
	public String reason() {
		return this.recipient + " opted out of this account's texts"
				+ ((this.keyword != null) ? " (" + this.keyword + ")" : "") + " at " + this.changedAt + " ("
				+ this.source + ")";
	}

}
