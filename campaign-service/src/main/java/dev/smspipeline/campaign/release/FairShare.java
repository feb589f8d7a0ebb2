package dev.smspipeline.campaign.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.smspipeline.campaign.campaign.CampaignTexts.Running;

/**
 * Splits a release round's texts between running campaigns: equally between accounts,
 * then equally between each account's campaigns, so an account with five campaigns gets
 * no more than one with one. What does not divide evenly goes one text each to the
 * accounts (and campaigns) next in turn; {@code turn} moves the start every round, so
 * over rounds nobody is favoured.
 */
final class FairShare {

	private FairShare() {
	}

	/**
	 * Each campaign's share of {@code permits}.
	 * @param campaigns the campaigns, in a stable order
	 * @param permits texts to share
	 * @param turn the round's number, to rotate who gets the remainders
	 * @return texts per campaign, every campaign present (some with 0 when there are more
	 * campaigns than texts)
	 */
	static Map<UUID, Integer> split(List<Running> campaigns, int permits, int turn) {
		Map<String, List<UUID>> byAccount = new LinkedHashMap<>();
		campaigns.forEach((campaign) -> byAccount.computeIfAbsent(campaign.accountId(), (account) -> new ArrayList<>())
			.add(campaign.id()));
		Map<UUID, Integer> shares = new HashMap<>();
		List<List<UUID>> accounts = new ArrayList<>(byAccount.values());
		int[] accountShares = divide(permits, accounts.size(), turn);
		for (int i = 0; i < accounts.size(); i++) {
			List<UUID> ofAccount = accounts.get(i);
			int[] campaignShares = divide(accountShares[i], ofAccount.size(), turn);
			for (int j = 0; j < ofAccount.size(); j++) {
				shares.put(ofAccount.get(j), campaignShares[j]);
			}
		}
		return shares;
	}

	/**
	 * {@code amount} in {@code parts} that differ by at most one, extras from
	 * {@code turn}.
	 */
	private static int[] divide(int amount, int parts, int turn) {
		int[] shares = new int[parts];
		if (parts == 0) {
			return shares;
		}
		int each = amount / parts;
		int extra = amount % parts;
		int start = Math.floorMod(turn, parts);
		for (int i = 0; i < parts; i++) {
			shares[i] = each;
		}
		for (int k = 0; k < extra; k++) {
			shares[(start + k) % parts]++;
		}
		return shares;
	}

}
