package dev.smspipeline.campaign.campaign;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A campaign's texts by {@link MessageState}, and the segments of those that go out.
 *
 * @param byState texts per state
 * @param segments SMS segments of the texts held or released
 */
public record CampaignCounts(Map<MessageState, Long> byState, long segments) {

	public CampaignCounts {
		EnumMap<MessageState, Long> copy = new EnumMap<>(MessageState.class);
		for (MessageState state : MessageState.values()) {
			copy.put(state, byState.getOrDefault(state, 0L));
		}
		byState = copy;
	}

	/** Texts in {@code state}. */
	public long of(MessageState state) {
		return this.byState.get(state);
	}

	/**
	 * Texts ever handed to dispatch: those still in it, those it submitted and those it
	 * ended unsent.
	 */
	public long released() {
		return of(MessageState.RELEASED) + of(MessageState.SUBMITTED) + of(MessageState.UNSENT);
	}

	/** Texts not yet submitted to the carrier nor ended: held here or in dispatch. */
	public long remaining() {
		return of(MessageState.HELD) + of(MessageState.RELEASED);
	}

	/** Every text of the campaign: each has had at least one status published. */
	public long total() {
		return this.byState.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * The counts as the API and the campaign events show them: {@code total}, then the
	 * docs/contracts.md buckets campaign-service can know ({@code inQueue}: held here,
	 * {@code error}: rejected and expired, {@code canceled}: campaign canceled or skipped
	 * by smart sending, {@code deleted}), then the details ({@code released},
	 * {@code rejected}, {@code expired}, {@code skipped}).
	 */
	public Map<String, Long> asMap() {
		Map<String, Long> map = new LinkedHashMap<>();
		map.put("total", total());
		map.put("inQueue", of(MessageState.HELD));
		map.put("released", released());
		map.put("submitted", of(MessageState.SUBMITTED));
		map.put("inDispatch", of(MessageState.RELEASED));
		map.put("unsent", of(MessageState.UNSENT));
		map.put("error", of(MessageState.REJECTED) + of(MessageState.EXPIRED));
		map.put("canceled", of(MessageState.CANCELED) + of(MessageState.SKIPPED));
		map.put("deleted", of(MessageState.DELETED));
		map.put("rejected", of(MessageState.REJECTED));
		map.put("expired", of(MessageState.EXPIRED));
		map.put("skipped", of(MessageState.SKIPPED));
		return map;
	}

}
