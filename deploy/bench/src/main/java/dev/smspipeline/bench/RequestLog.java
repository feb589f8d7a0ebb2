package dev.smspipeline.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happened to each request of a run, by sequence number. Each slot is written by the
 * thread that sent or answered it; it is read after the generator has waited for every
 * answer.
 */
final class RequestLog {

	final List<PlannedText> plan;

	/** Our key of each request: the REST Idempotency-Key is not sent; a CRM eventId. */
	final String[] keys;

	final long[] sentMicros;

	final long[] answeredMicros;

	/**
	 * HTTP status of the answer (202 accepted); 202 for a produced Kafka record; 0 none.
	 */
	final int[] statuses;

	final String[] messageIds;

	private final AtomicInteger answered = new AtomicInteger();

	private final AtomicInteger accepted = new AtomicInteger();

	RequestLog(List<PlannedText> plan) {
		this.plan = plan;
		int size = plan.size();
		this.keys = new String[size];
		this.sentMicros = new long[size];
		this.answeredMicros = new long[size];
		this.statuses = new int[size];
		this.messageIds = new String[size];
	}

	int size() {
		return this.plan.size();
	}

	void sent(int seq, String key, long micros) {
		this.keys[seq] = key;
		this.sentMicros[seq] = micros;
	}

	void answered(int seq, int status, String messageId, long micros) {
		this.answeredMicros[seq] = micros;
		this.statuses[seq] = status;
		this.messageIds[seq] = messageId;
		if (isAcceptance(status)) {
			this.accepted.incrementAndGet();
		}
		this.answered.incrementAndGet();
	}

	boolean accepted(int seq) {
		return isAcceptance(this.statuses[seq]);
	}

	private static boolean isAcceptance(int status) {
		return status >= 200 && status < 300;
	}

	int answeredCount() {
		return this.answered.get();
	}

	int acceptedCount() {
		return this.accepted.get();
	}

}
