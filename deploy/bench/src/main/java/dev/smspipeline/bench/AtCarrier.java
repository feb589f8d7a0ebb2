package dev.smspipeline.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.smspipeline.stackclient.CarrierEntry;

/**
 * When a set of recipients' texts reached the carrier, from the simulator's log: the
 * first accepted create per recipient (a repeat the carrier answers from its idempotency
 * cache, or a create it refused, does not count).
 *
 * @param firstAcceptByRecipient epoch milliseconds of each recipient's first accepted
 * create
 * @param first the earliest of them, 0 when none
 * @param last the latest of them, 0 when none
 */
record AtCarrier(Map<String, Long> firstAcceptByRecipient, long first, long last) {

	static AtCarrier of(List<CarrierEntry> entries, Set<String> recipients) {
		Map<String, Long> firsts = new HashMap<>();
		for (CarrierEntry entry : entries) {
			if (entry.accepted() && entry.to() != null && recipients.contains(entry.to())) {
				firsts.merge(entry.to(), entry.receivedAt(), Math::min);
			}
		}
		long first = firsts.values().stream().mapToLong(Long::longValue).min().orElse(0);
		long last = firsts.values().stream().mapToLong(Long::longValue).max().orElse(0);
		return new AtCarrier(firsts, first, last);
	}

	/** Recipients whose text reached the carrier. */
	int count() {
		return this.firstAcceptByRecipient.size();
	}

	/** Recipients whose text reached the carrier after an instant. */
	int after(long epochMillis) {
		return (int) this.firstAcceptByRecipient.values().stream().filter((at) -> at > epochMillis).count();
	}

	/** Recipients whose text reached the carrier at or before an instant. */
	int atOrBefore(long epochMillis) {
		return count() - after(epochMillis);
	}

	/**
	 * Texts per second from the first to the last, NaN when fewer than two.
	 * @return the rate
	 */
	double perSecond() {
		if (count() < 2 || this.last <= this.first) {
			return Double.NaN;
		}
		return (count() - 1) / ((this.last - this.first) / 1000.0);
	}

}
