package dev.smspipeline.simulator.messages;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Final answers by idempotency key. A repeat of a key gets the first final answer again;
 * concurrent requests with one key wait for the first to be decided. Past its capacity
 * the oldest keys are forgotten.
 */
public final class IdempotencyCache {

	private final int capacity;

	private final ConcurrentHashMap<String, CompletableFuture<CreateAnswer>> answers = new ConcurrentHashMap<>();

	private final Queue<String> order = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	/**
	 * Creates a cache.
	 * @param capacity most keys remembered
	 */
	public IdempotencyCache(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * The answer for a key: the remembered one, or a new one from {@code create}.
	 * @param key the idempotency key
	 * @param create decides a new request
	 * @return the answer, and whether it repeats an earlier one
	 */
	public Result answer(String key, Supplier<CreateAnswer> create) {
		while (true) {
			CompletableFuture<CreateAnswer> mine = new CompletableFuture<>();
			CompletableFuture<CreateAnswer> existing = this.answers.putIfAbsent(key, mine);
			if (existing == null) {
				return new Result(decide(key, mine, create), false);
			}
			CreateAnswer earlier;
			try {
				earlier = existing.join();
			}
			catch (CompletionException ex) {
				continue;
			}
			if (earlier.isFinal()) {
				return new Result(earlier, true);
			}
		}
	}

	private CreateAnswer decide(String key, CompletableFuture<CreateAnswer> mine, Supplier<CreateAnswer> create) {
		CreateAnswer answer;
		try {
			answer = create.get();
		}
		catch (RuntimeException | Error ex) {
			this.answers.remove(key, mine);
			mine.completeExceptionally(ex);
			throw ex;
		}
		if (answer.isFinal()) {
			remember(key);
		}
		else {
			this.answers.remove(key, mine);
		}
		mine.complete(answer);
		return answer;
	}

	private void remember(String key) {
		this.order.add(key);
		if (this.size.incrementAndGet() > this.capacity) {
			String oldest = this.order.poll();
			if (oldest != null) {
				this.answers.remove(oldest);
				this.size.decrementAndGet();
			}
		}
	}

	public int size() {
		return this.answers.size();
	}

	public void clear() {
		this.answers.clear();
		this.order.clear();
		this.size.set(0);
	}

	/**
	 * An answer and whether it was a repeat.
	 *
	 * @param answer the answer
	 * @param duplicate whether it repeats an earlier answer for the key
	 */
	public record Result(CreateAnswer answer, boolean duplicate) {
	}

}
