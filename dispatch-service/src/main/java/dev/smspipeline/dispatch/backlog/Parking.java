package dev.smspipeline.dispatch.backlog;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What dispatch asks of the durable backlog: every operation is asynchronous, done in the
 * order asked, and answers through its callback, which must not block.
 */
public interface Parking {

	/**
	 * Parks a text.
	 * @param row the text
	 * @param abandoned whether to stop trying (its partition was revoked)
	 * @param done called with whether the row was new (not parked before), or with
	 * {@code null} when the park was abandoned before it was written (the caller stops
	 * counting it then)
	 */
	void park(ParkedRow row, BooleanSupplier abandoned, Consumer<Boolean> done);

	/**
	 * Loads a number's next parked texts.
	 * @param recipient the number
	 * @param partition its partition
	 * @param after the highest offset loaded so far (-1: none)
	 * @param limit the most rows
	 * @param done called with the rows, in order
	 */
	void load(String recipient, int partition, long after, int limit, Consumer<List<ParkedRow>> done);

	/**
	 * Deletes a parked text that has its outcome.
	 * @param partition its partition
	 * @param offset its offset
	 */
	void delete(int partition, long offset);

}
