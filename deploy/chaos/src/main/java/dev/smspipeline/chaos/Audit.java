package dev.smspipeline.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.smspipeline.stackclient.CarrierEntry;
import dev.smspipeline.stackclient.MessageState;

/**
 * Checks every text of a chaos campaign against what status-service and the carrier say.
 * Pure: it only counts.
 * <ul>
 * <li><b>Lost</b>: a text without a final status (unknown to status-service, or stuck in
 * a non-final one).</li>
 * <li><b>Duplicates accepted</b>: for each recipient (one text each), every accepted
 * create beyond the first. A second accepted create would be a second text on the lead's
 * phone.</li>
 * <li><b>Duplicates refused</b>: creates the carrier answered from its idempotency cache
 * (a retry after a lost answer or a crash): harmless, and the proof the key works.</li>
 * <li><b>Given up</b>: FAILED because the carrier kept failing
 * ({@code CARRIER_UNAVAILABLE}, {@code CARRIER_RATE_LIMITED}): final, but never sent; or
 * DELIVERY_UNKNOWN ({@code CARRIER_NO_ANSWER}) because the carrier never answered and may
 * have taken it (then neither the carrier's acceptance nor its absence is a
 * disagreement).</li>
 * <li><b>Unexpected</b>: a final status other than the one its recipient's class ends in
 * without faults.</li>
 * <li><b>Carrier/status disagreements</b>: the carrier accepted a text that
 * status-service reports as not sent (FAILED, REJECTED, CANCELED, EXPIRED), or
 * status-service reports a text as handed over that the carrier never accepted.</li>
 * </ul>
 */
final class Audit {

	private static final int SAMPLES = 10;

	private Audit() {
	}

	/**
	 * Audits a campaign.
	 * @param texts the planned texts, with their message ids
	 * @param states what status-service knows, by message id
	 * @param carrierLog the carrier's log entries for the campaign's recipients
	 * @return the result
	 */
	static Result of(List<PlannedText> texts, Map<String, MessageState> states, List<CarrierEntry> carrierLog) {
		Map<String, Integer> acceptedByRecipient = new HashMap<>();
		Map<String, Integer> acceptedUnderOwnKey = new HashMap<>();
		Map<String, String> keyOf = new HashMap<>();
		texts.forEach((text) -> keyOf.put(text.recipient(), text.messageId()));
		long duplicatesRefused = 0;
		long acceptedUnderOtherKey = 0;
		for (CarrierEntry entry : carrierLog) {
			if (entry.duplicate()) {
				duplicatesRefused++;
			}
			if (entry.accepted()) {
				acceptedByRecipient.merge(entry.to(), 1, Integer::sum);
				if (entry.idempotencyKey() != null && entry.idempotencyKey().equals(keyOf.get(entry.to()))) {
					acceptedUnderOwnKey.merge(entry.to(), 1, Integer::sum);
				}
				else {
					acceptedUnderOtherKey++;
				}
			}
		}
		long finals = 0;
		long missing = 0;
		long givenUp = 0;
		long unexpected = 0;
		long duplicatesAccepted = 0;
		long acceptedButNotSent = 0;
		long handedOverNeverAccepted = 0;
		Map<String, Long> stuck = new TreeMap<>();
		Map<String, Long> byStatus = new TreeMap<>();
		Map<RecipientClass, Map<String, Long>> byClass = new EnumMap<>(RecipientClass.class);
		Map<RecipientClass, Long> planned = new EnumMap<>(RecipientClass.class);
		List<String> lostSamples = new ArrayList<>();
		List<String> duplicateSamples = new ArrayList<>();
		List<String> disagreementSamples = new ArrayList<>();
		for (PlannedText text : texts) {
			planned.merge(text.recipientClass(), 1L, Long::sum);
			int accepted = acceptedByRecipient.getOrDefault(text.recipient(), 0);
			if (accepted > 1) {
				duplicatesAccepted += accepted - 1;
				sample(duplicateSamples, text.messageId() + " " + text.recipient() + " accepted " + accepted + "x");
			}
			MessageState state = states.get(text.messageId());
			if (state == null) {
				missing++;
				sample(lostSamples, text.messageId() + " " + text.recipient() + " unknown to status-service"
						+ ((accepted > 0) ? " (accepted by the carrier)" : ""));
				continue;
			}
			if (!state.isFinal()) {
				stuck.merge(state.status(), 1L, Long::sum);
				sample(lostSamples, text.messageId() + " " + text.recipient() + " stuck in " + state.label()
						+ ((accepted > 0) ? " (accepted by the carrier)" : ""));
				continue;
			}
			finals++;
			byStatus.merge(state.status(), 1L, Long::sum);
			byClass.computeIfAbsent(text.recipientClass(), (kind) -> new TreeMap<>())
				.merge(state.label(), 1L, Long::sum);
			if (state.givenUp()) {
				givenUp++;
			}
			if (!text.recipientClass().expects(state.status())) {
				unexpected++;
			}
			if (accepted > 0 && MessageState.NOT_SENT.contains(state.status())) {
				acceptedButNotSent++;
				sample(disagreementSamples,
						text.messageId() + " " + text.recipient() + " accepted by the carrier but " + state.label());
			}
			if (accepted == 0 && MessageState.isHandedOver(state.status()) && !state.maybeTaken()) {
				handedOverNeverAccepted++;
				sample(disagreementSamples, text.messageId() + " " + text.recipient() + " " + state.label()
						+ " but never accepted by the carrier");
			}
		}
		return new Result(texts.size(), finals, missing, stuck, byStatus, byClass, planned, unexpected, givenUp,
				duplicatesAccepted, duplicatesRefused, acceptedUnderOtherKey, acceptedButNotSent,
				handedOverNeverAccepted, lostSamples, duplicateSamples, disagreementSamples);
	}

	private static void sample(List<String> samples, String line) {
		if (samples.size() < SAMPLES) {
			samples.add(line);
		}
	}

	/**
	 * What the audit found.
	 *
	 * @param messages texts in the campaign
	 * @param finals texts with a final status
	 * @param missing texts status-service does not know
	 * @param stuck texts in a non-final status, by status
	 * @param byStatus final texts by status
	 * @param byClass final texts by recipient class and status (with its reason)
	 * @param planned texts by recipient class
	 * @param unexpected final texts in a status their class does not end in without
	 * faults
	 * @param givenUp texts FAILED because the carrier kept failing
	 * @param duplicatesAccepted accepted creates beyond the first per text
	 * @param duplicatesRefused creates answered from the carrier's idempotency cache
	 * @param acceptedUnderOtherKey accepted creates for the campaign's recipients whose
	 * idempotency key is not the text's message id
	 * @param acceptedButNotSent texts the carrier accepted but status-service reports as
	 * never sent
	 * @param handedOverNeverAccepted texts status-service reports as handed over that the
	 * carrier never accepted
	 * @param lostSamples a few lost texts, for the report
	 * @param duplicateSamples a few duplicated texts
	 * @param disagreementSamples a few disagreements between carrier and status-service
	 */
	record Result(long messages, long finals, long missing, Map<String, Long> stuck, Map<String, Long> byStatus,
			Map<RecipientClass, Map<String, Long>> byClass, Map<RecipientClass, Long> planned, long unexpected,
			long givenUp, long duplicatesAccepted, long duplicatesRefused, long acceptedUnderOtherKey,
			long acceptedButNotSent, long handedOverNeverAccepted, List<String> lostSamples,
			List<String> duplicateSamples, List<String> disagreementSamples) {

		/** Texts without a final status. */
		long lost() {
			return this.messages - this.finals;
		}

	}

}
