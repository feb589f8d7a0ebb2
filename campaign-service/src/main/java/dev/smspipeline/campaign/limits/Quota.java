package dev.smspipeline.campaign.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * An account's sending quota at one instant: its limits (segments per UTC day and per UTC
 * calendar month, either may be absent) and what it has used of each.
 *
 * @param dailyLimit most segments a day, or {@code null}
 * @param monthlyLimit most segments a calendar month, or {@code null}
 * @param usedToday segments counted today
 * @param usedThisMonth segments counted this month
 * @param now the instant the usage was read at
 */
public record Quota(Long dailyLimit, Long monthlyLimit, long usedToday, long usedThisMonth, Instant now) {

	/** Reason code of a text or campaign refused because it would pass a quota. */
	public static final String SENDING_LIMIT = "SENDING_LIMIT";

	/**
	 * Segments the account may still send now.
	 * @return the smaller of what is left today and this month, never negative
	 */
	public long remaining() {
		long left = Long.MAX_VALUE;
		if (this.dailyLimit != null) {
			left = Math.min(left, this.dailyLimit - this.usedToday);
		}
		if (this.monthlyLimit != null) {
			left = Math.min(left, this.monthlyLimit - this.usedThisMonth);
		}
		return Math.max(0, left);
	}

	/**
	 * This quota with {@code segments} more used today and this month.
	 * @param segments the segments counted since it was read
	 * @return the quota after them
	 */
	public Quota plus(long segments) {
		return new Quota(this.dailyLimit, this.monthlyLimit, this.usedToday + segments, this.usedThisMonth + segments,
				this.now);
	}

	/**
	 * Why {@code segments} more would pass a limit, and when enough is free again.
	 * @param segments the segments asked for
	 * @return the refusal, or empty when they fit
	 */
	public Optional<Refusal> refusal(long segments) {
		boolean overDay = this.dailyLimit != null && this.usedToday + segments > this.dailyLimit;
		boolean overMonth = this.monthlyLimit != null && this.usedThisMonth + segments > this.monthlyLimit;
		if (!overDay && !overMonth) {
			return Optional.empty();
		}
		LocalDate today = LocalDate.ofInstant(this.now, ZoneOffset.UTC);
		Instant tomorrow = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant nextMonth = today.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		String detail = overMonth
				? "%d more %s would pass this account's monthly limit of %d (%d used this month, UTC)".formatted(
						segments, (segments == 1) ? "segment" : "segments", this.monthlyLimit, this.usedThisMonth)
				: "%d more %s would pass this account's daily limit of %d (%d used today, UTC)".formatted(segments,
						(segments == 1) ? "segment" : "segments", this.dailyLimit, this.usedToday);
		return Optional.of(new Refusal(detail, overMonth ? nextMonth : tomorrow));
	}

	/**
	 * A quota's refusal.
	 *
	 * @param detail what would pass which limit, for a person
	 * @param resetsAt when the limit that refused starts counting from zero again
	 */
	public record Refusal(String detail, Instant resetsAt) {
	}

}
