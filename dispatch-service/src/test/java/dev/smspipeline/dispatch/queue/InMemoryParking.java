package dev.smspipeline.dispatch.queue;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.smspipeline.dispatch.backlog.ParkedRow;
import dev.smspipeline.dispatch.backlog.Parking;

/**
 * The parked table in memory, with the parking lot's contract: operations run in the
 * order asked, when the test {@link #drain drains} them (the lot's thread), and an
 * abandoned park is answered with {@code null}.
 */
final class InMemoryParking implements Parking {

	private final TreeMap<Long, ParkedRow> rows = new TreeMap<>(Comparator.naturalOrder());

	private final Deque<Runnable> operations = new ArrayDeque<>();

	@Override
	public void park(ParkedRow row, BooleanSupplier abandoned, Consumer<Boolean> done) {
		this.operations.addLast(() -> {
			done.accept(abandoned.getAsBoolean() ? null : this.rows.putIfAbsent(row.offset(), row) == null);
		});
	}

	@Override
	public void load(String recipient, int partition, long after, int limit, Consumer<List<ParkedRow>> done) {
		this.operations.addLast(() -> done.accept(this.rows.tailMap(after, false)
			.values()
			.stream()
			.filter((row) -> row.recipient().equals(recipient) && row.partition() == partition)
			.limit(limit)
			.toList()));
	}

	@Override
	public void delete(int partition, long offset) {
		this.operations.addLast(() -> this.rows.remove(offset));
	}

	/** Puts a row in the table as an earlier owner left it. */
	void seed(ParkedRow row) {
		this.rows.put(row.offset(), row);
	}

	/** Runs every operation asked for, including those asked for meanwhile. */
	void drain() {
		while (!this.operations.isEmpty()) {
			this.operations.pollFirst().run();
		}
	}

	/** The offsets of the rows in the table, in order. */
	List<Long> offsets() {
		return List.copyOf(this.rows.keySet());
	}

}
