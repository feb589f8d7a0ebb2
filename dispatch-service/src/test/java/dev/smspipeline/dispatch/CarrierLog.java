package dev.smspipeline.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.simulator.CarrierSimulator;
import dev.smspipeline.simulator.messages.Outcome;
import dev.smspipeline.simulator.messages.ReceivedMessage;

/**
 * What the carrier simulator received, read the way the throttling rules are stated:
 * accepted creates per number, in arrival order, and the gaps between them.
 */
public final class CarrierLog {

	private final List<ReceivedMessage> received;

	private CarrierLog(List<ReceivedMessage> received) {
		this.received = received;
	}

	public static CarrierLog of(CarrierSimulator carrier) {
		return new CarrierLog(carrier.receivedMessages());
	}

	/** Every create for one of {@code requests}, in arrival order. */
	public List<ReceivedMessage> createsFor(Collection<MessageRequested> requests) {
		Set<String> ids = requests.stream().map(MessageRequested::getMessageId).collect(Collectors.toSet());
		return this.received.stream().filter((create) -> ids.contains(create.idempotencyKey())).toList();
	}

	/** The accepted creates for {@code requests}, in arrival order. */
	public List<ReceivedMessage> acceptedFor(Collection<MessageRequested> requests) {
		return createsFor(requests).stream().filter((create) -> create.outcome() == Outcome.ACCEPTED).toList();
	}

	/** How many creates each message id got with each outcome. */
	public Map<String, Map<Outcome, Long>> outcomesById(Collection<MessageRequested> requests) {
		return createsFor(requests).stream()
			.collect(Collectors.groupingBy(ReceivedMessage::idempotencyKey,
					Collectors.groupingBy(ReceivedMessage::outcome, Collectors.counting())));
	}

	/** Gaps in milliseconds between consecutive accepted creates to each number. */
	public static List<Long> gapsPerNumber(List<ReceivedMessage> accepted) {
		Map<String, List<ReceivedMessage>> byNumber = accepted.stream()
			.collect(Collectors.groupingBy(ReceivedMessage::to));
		List<Long> gaps = new ArrayList<>();
		for (List<ReceivedMessage> creates : byNumber.values()) {
			List<ReceivedMessage> sorted = creates.stream()
				.sorted(Comparator.comparingLong(ReceivedMessage::receivedAt))
				.toList();
			for (int i = 1; i < sorted.size(); i++) {
				gaps.add(sorted.get(i).receivedAt() - sorted.get(i - 1).receivedAt());
			}
		}
		return gaps;
	}

	/** The message ids of accepted creates per number, in arrival order. */
	public static Map<String, List<String>> orderPerNumber(List<ReceivedMessage> accepted) {
		return accepted.stream()
			.sorted(Comparator.comparingLong(ReceivedMessage::receivedAt))
			.collect(Collectors.groupingBy(ReceivedMessage::to,
					Collectors.mapping(ReceivedMessage::idempotencyKey, Collectors.toList())));
	}

	/** Message ids per number in request order. */
	public static Map<String, List<String>> requestedOrder(List<MessageRequested> requests) {
		return requests.stream()
			.collect(Collectors.groupingBy(MessageRequested::getRecipient,
					Collectors.mapping(MessageRequested::getMessageId, Collectors.toList())));
	}

	/** The median of some values. */
	public static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	/**
	 * Latency from request to the carrier's acceptance, in milliseconds, per accepted
	 * create.
	 */
	public static List<Long> latencies(List<MessageRequested> requests, List<ReceivedMessage> accepted) {
		Map<String, MessageRequested> byId = requests.stream()
			.collect(Collectors.toMap(MessageRequested::getMessageId, Function.identity()));
		return accepted.stream()
			.map((create) -> create.receivedAt() - byId.get(create.idempotencyKey()).getRequestedAt().toEpochMilli())
			.toList();
	}

}
