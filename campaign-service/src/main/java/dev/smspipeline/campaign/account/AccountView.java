package dev.smspipeline.campaign.account;

import java.time.Instant;
import java.util.List;

/**
 * An account as stored and as the admin API answers it.
 *
 * @param id its id
 * @param name its name
 * @param status {@code ACTIVE} or {@code SUSPENDED}
 * @param senders its sender numbers
 * @param defaultSender its default sender, or {@code null}
 * @param dailyLimit most segments a day, or {@code null}
 * @param monthlyLimit most segments a month, or {@code null}
 * @param trial whether it texts only its verified numbers
 * @param verifiedNumbers the numbers a trial account may text
 * @param helpText its answer to HELP or INFO, or {@code null} for the service-wide one
 * @param version grows by one with every change, as published
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record AccountView(String id, String name, String status, List<Sender> senders, String defaultSender,
		Long dailyLimit, Long monthlyLimit, boolean trial, List<String> verifiedNumbers, String helpText, long version,
		Instant createdAt, Instant updatedAt) {

	static final String ACTIVE = "ACTIVE";

	static final String SUSPENDED = "SUSPENDED";

	AccountView withStatus(String status, Instant now) {
		return new AccountView(this.id, this.name, status, this.senders, this.defaultSender, this.dailyLimit,
				this.monthlyLimit, this.trial, this.verifiedNumbers, this.helpText, this.version + 1, this.createdAt,
				now);
	}

	AccountView touched(Instant now) {
		return withStatus(this.status, now);
	}

}
