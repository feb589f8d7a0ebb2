package dev.smspipeline.status.store;

import dev.smspipeline.events.MessageStatus;

/**
 * The order of the statuses: a text's current status only ever moves to a higher rank.
 * Every terminal status shares the top rank, so the first terminal status stays; a late
 * DELIVERED still upgrades DELIVERY_UNKNOWN, which ranks just below.
 */
final class StatusRank {

	/** The top rank, shared by every terminal status. */
	static final int TERMINAL = 7;

	/**
	 * The lowest final rank: DELIVERY_UNKNOWN, which only a late DELIVERED may upgrade.
	 */
	static final int FINAL = 6;

	private StatusRank() {
	}

	/** The rank of {@code status}; 0 for a status this build does not know. */
	static int of(MessageStatus status) {
		return switch (status) {
			case REQUESTED -> 1;
			case SCHEDULED -> 2;
			case QUEUED -> 3;
			case SUBMITTED -> 4;
			case SENT -> 5;
			case DELIVERY_UNKNOWN -> 6;
			case DELIVERED, UNDELIVERED, FAILED, REJECTED, CANCELED, EXPIRED -> TERMINAL;
			case UNKNOWN -> 0;
		};
	}

}
