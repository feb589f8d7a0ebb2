package dev.smspipeline.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The recipients of one chaos campaign: distinct numbers, mostly ordinary ones, with the
 * simulator's silent, failing, rate-limited and flaky numbers mixed in at fixed shares,
 * shuffled so that every kind is in flight whenever a fault strikes. Numbers come from a
 * seed, so two runs rarely share a number (the simulator remembers which rate-limited
 * numbers it has seen).
 */
final class AudiencePlan {

	/** Share of each scenario class; ordinary numbers make up the rest. */
	static final Map<RecipientClass, Double> SHARES;

	static {
		Map<RecipientClass, Double> shares = new EnumMap<>(RecipientClass.class);
		shares.put(RecipientClass.SILENT, 0.05);
		shares.put(RecipientClass.LANDLINE, 0.03);
		shares.put(RecipientClass.UNREACHABLE, 0.02);
		shares.put(RecipientClass.RATE_LIMITED, 0.05);
		shares.put(RecipientClass.FLAKY, 0.02);
		SHARES = Collections.unmodifiableMap(shares);
	}

	/** Area codes of ordinary numbers (never 415, whose exchanges are scenarios). */
	private static final int[] AREA_CODES = { 212, 312, 617, 646, 718, 773, 917, 206, 303, 512 };

	private final List<PlannedText> texts;

	private AudiencePlan(List<PlannedText> texts) {
		this.texts = List.copyOf(texts);
	}

	/**
	 * Plans {@code size} texts.
	 * @param size how many, at least 1
	 * @param seed decides the numbers and their order
	 * @return the plan
	 */
	static AudiencePlan of(int size, long seed) {
		if (size < 1) {
			throw new IllegalArgumentException("a chaos campaign needs at least one recipient");
		}
		Random random = new Random(seed);
		Map<RecipientClass, Integer> counts = counts(size);
		Set<String> used = new HashSet<>();
		List<PlannedText> texts = new ArrayList<>(size);
		int lineBase = random.nextInt(10_000);
		for (Map.Entry<RecipientClass, Integer> entry : counts.entrySet()) {
			RecipientClass kind = entry.getKey();
			for (int i = 0; i < entry.getValue(); i++) {
				String number;
				if (kind == RecipientClass.ORDINARY) {
					do {
						number = ordinaryNumber(random);
					}
					while (!used.add(number));
				}
				else {
					// consecutive lines from a random start: distinct up to 10,000 per
					// class
					number = "+1415" + kind.exchange() + String.format("%04d", (lineBase + i) % 10_000);
					used.add(number);
				}
				texts.add(new PlannedText(number, kind, null));
			}
		}
		Collections.shuffle(texts, random);
		return new AudiencePlan(texts);
	}

	/**
	 * How many texts of each class a campaign of {@code size} gets: each scenario class
	 * its share rounded down (at least one each once {@code size} reaches 100), ordinary
	 * numbers the rest.
	 * @param size the campaign's size
	 * @return the counts, ordinary first
	 */
	static Map<RecipientClass, Integer> counts(int size) {
		Map<RecipientClass, Integer> counts = new LinkedHashMap<>();
		int scenario = 0;
		Map<RecipientClass, Integer> special = new EnumMap<>(RecipientClass.class);
		for (Map.Entry<RecipientClass, Double> share : SHARES.entrySet()) {
			int count = (int) Math.floor(size * share.getValue());
			if (count == 0 && size >= 100) {
				count = 1;
			}
			special.put(share.getKey(), count);
			scenario += count;
		}
		counts.put(RecipientClass.ORDINARY, size - scenario);
		counts.putAll(special);
		return counts;
	}

	private static String ordinaryNumber(Random random) {
		int area = AREA_CODES[random.nextInt(AREA_CODES.length)];
		int exchange;
		do {
			exchange = 200 + random.nextInt(800);
		}
		while (exchange % 100 == 11);
		return "+1" + area + exchange + String.format("%04d", random.nextInt(10_000));
	}

	/**
	 * The id campaign-service gives a campaign's text to a number:
	 * {@code UUID.nameUUIDFromBytes("<campaign>:<number>")}.
	 * @param campaignId the campaign
	 * @param e164 the number
	 * @return the message id
	 */
	static String messageId(String campaignId, String e164) {
		return UUID.nameUUIDFromBytes((campaignId + ":" + e164).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * The same plan with every text's message id in the given campaign.
	 * @param campaignId the campaign
	 * @return the plan with ids
	 */
	AudiencePlan inCampaign(String campaignId) {
		List<PlannedText> withIds = new ArrayList<>(this.texts.size());
		for (PlannedText text : this.texts) {
			withIds.add(text.withMessageId(messageId(campaignId, text.recipient())));
		}
		return new AudiencePlan(withIds);
	}

	List<PlannedText> texts() {
		return this.texts;
	}

	int size() {
		return this.texts.size();
	}

}
