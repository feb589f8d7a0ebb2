package dev.smspipeline.dispatch.backlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every operation on the durable backlog, done by one thread in the order asked.
 *
 * <p>
 * The order is what keeps a number's texts in order: a load asked after some parks sees
 * them committed, so the rows it returns and the texts still being parked never overtake
 * each other. Consecutive parks (and deletes) are written as one JDBC batch, so parking a
 * burst costs one round trip per few hundred texts, off the consumer thread.
 *
 * <p>
 * A failed write is tried again, a second apart, until it succeeds or (for a park) the
 * partition it came from is gone. Callbacks run on this thread and must not block.
 */
public class ParkingLot implements Parking, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ParkingLot.class);

	private static final int MAX_BATCH = 500;

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final ParkedMessages table;

	private final BlockingDeque<Task> tasks = new LinkedBlockingDeque<>();

	private final Thread worker;

	private volatile boolean running = true;

	private volatile boolean idle = true;

	public ParkingLot(ParkedMessages table) {
		this.table = table;
		this.worker = new Thread(this::run, "parking-lot");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	@Override
	public void park(ParkedRow row, BooleanSupplier abandoned, Consumer<Boolean> done) {
		this.tasks.add(new Park(row, abandoned, done));
	}

	@Override
	public void load(String recipient, int partition, long after, int limit, Consumer<List<ParkedRow>> done) {
		this.tasks.add(new Load(recipient, partition, after, limit, done));
	}

	@Override
	public void delete(int partition, long offset) {
		this.tasks.add(new Delete(partition, offset));
	}

	/** Operations asked for and not done yet. */
	public int pending() {
		return this.tasks.size() + (this.idle ? 0 : 1);
	}

	@Override
	public void close() {
		this.running = false;
		this.worker.interrupt();
	}

	private void run() {
		while (this.running) {
			Task first;
			try {
				first = this.tasks.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			this.idle = false;
			try {
				if (first instanceof Park park) {
					parkAll(drain(park, Park.class));
				}
				else if (first instanceof Delete delete) {
					deleteAll(drain(delete, Delete.class));
				}
				else {
					load((Load) first);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.error("Parking operation failed", ex);
			}
			finally {
				this.idle = true;
			}
		}
	}

	private <T extends Task> List<T> drain(T first, Class<T> type) {
		List<T> batch = new ArrayList<>();
		batch.add(first);
		while (batch.size() < MAX_BATCH && type.isInstance(this.tasks.peekFirst())) {
			batch.add(type.cast(this.tasks.pollFirst()));
		}
		return batch;
	}

	private void parkAll(List<Park> parks) throws InterruptedException {
		while (true) {
			List<Park> live = new ArrayList<>(parks.size());
			for (Park park : parks) {
				if (park.abandoned().getAsBoolean()) {
					// its partition was revoked: the caller still counts it until told
					park.done().accept(null);
				}
				else {
					live.add(park);
				}
			}
			if (live.isEmpty()) {
				return;
			}
			boolean[] inserted;
			try {
				inserted = this.table.insert(live.stream().map(Park::row).toList());
			}
			catch (RuntimeException ex) {
				log.warn("Cannot park {} texts ({}); trying again in {}", live.size(), ex.toString(), RETRY);
				Thread.sleep(RETRY.toMillis());
				parks = live;
				continue;
			}
			for (int i = 0; i < inserted.length; i++) {
				live.get(i).done().accept(inserted[i]);
			}
			return;
		}
	}

	private void deleteAll(List<Delete> deletes) throws InterruptedException {
		List<long[]> keys = deletes.stream()
			.map((delete) -> new long[] { delete.partition(), delete.offset() })
			.toList();
		for (int attempt = 1;; attempt++) {
			try {
				this.table.delete(keys);
				return;
			}
			catch (RuntimeException ex) {
				if (attempt == 3) {
					// harmless: a leftover row is fed back, found decided, and deleted
					// then
					log.warn("Cannot delete {} parked texts that have their outcome: {}", keys.size(), ex.toString());
					return;
				}
				Thread.sleep(RETRY.toMillis());
			}
		}
	}

	private void load(Load load) throws InterruptedException {
		List<ParkedRow> rows = null;
		while (rows == null) {
			try {
				rows = this.table.next(load.recipient(), load.partition(), load.after(), load.limit());
			}
			catch (RuntimeException ex) {
				log.warn("Cannot load parked texts ({}); trying again in {}", ex.toString(), RETRY);
				Thread.sleep(RETRY.toMillis());
			}
		}
		load.done().accept(rows);
	}

	private sealed interface Task permits Park, Load, Delete {

	}

	private record Park(ParkedRow row, BooleanSupplier abandoned, Consumer<Boolean> done) implements Task {

	}

	private record Load(String recipient, int partition, long after, int limit,
			Consumer<List<ParkedRow>> done) implements Task {

	}

	private record Delete(int partition, long offset) implements Task {

	}

}
