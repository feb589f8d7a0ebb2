package dev.smspipeline.simulator.callback;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.smspipeline.simulator.http.Exchanges;
import dev.smspipeline.twilio.TwilioSignature;

/**
 * Posts signed webhooks asynchronously: a small scheduled pool times them, a bounded
 * number are in flight at once, and the callbacks of one message go out one after the
 * other, in their planned order. A receiver that fails (connection refused, 429, 5xx)
 * gets a few retries with backoff; then the callback is given up and logged. Nothing a
 * receiver does stops the simulator.
 */
public final class CallbackDispatcher implements AutoCloseable {

	/** Attempts per callback, the first included. */
	public static final int MAX_ATTEMPTS = 4;

	/** Callbacks waiting to be posted beyond which new messages get none. */
	public static final int MAX_PENDING = 1_000_000;

	private static final long FIRST_RETRY_MILLIS = 200;

	private static final long WARNING_INTERVAL_MILLIS = 10_000;

	private static final System.Logger logger = System.getLogger(CallbackDispatcher.class.getName());

	private final TwilioSignature signer;

	private final ScheduledThreadPoolExecutor scheduler;

	private final ExecutorService clientExecutor;

	private final HttpClient client;

	private final Semaphore inFlight;

	private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicLong posted = new AtomicLong();

	private final AtomicLong givenUp = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong lastWarning = new AtomicLong();

	/**
	 * Creates a dispatcher.
	 * @param threads threads of the scheduler and of the HTTP client
	 * @param maxInFlight most callbacks posted at once
	 * @param signer signs every post
	 */
	public CallbackDispatcher(int threads, int maxInFlight, TwilioSignature signer) {
		this.signer = signer;
		this.scheduler = new ScheduledThreadPoolExecutor(threads, daemonThreads("sim-callback-timer"));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.clientExecutor = Executors.newFixedThreadPool(threads, daemonThreads("sim-callback-http"));
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(this.clientExecutor)
			.build();
		this.inFlight = new Semaphore(maxInFlight);
	}

	/**
	 * Schedules the callbacks of one message; they are posted in list order, each no
	 * earlier than it is due.
	 * @param url where to post them
	 * @param callbacks the callbacks
	 * @return {@code false} when too many callbacks are pending and these were dropped
	 */
	public boolean schedule(URI url, List<Callback> callbacks) {
		if (callbacks.isEmpty()) {
			return true;
		}
		if (this.pending.addAndGet(callbacks.size()) > MAX_PENDING) {
			this.pending.addAndGet(-callbacks.size());
			this.dropped.addAndGet(callbacks.size());
			warn("Too many callbacks pending; dropped the callbacks of a message to " + url);
			return false;
		}
		new Chain(url, callbacks).next();
		return true;
	}

	/**
	 * Posts one signed webhook now, outside the in-flight limit and without retries.
	 * @param url where to post it
	 * @param params its form parameters
	 * @return the receiver's answer
	 */
	public CompletableFuture<HttpResponse<String>> post(URI url, Map<String, String> params) {
		return this.client.sendAsync(request(url, params), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Runs a task now and then at a fixed rate on the scheduler.
	 * @param task the task
	 * @param period the period
	 */
	public void every(Duration period, Runnable task) {
		this.scheduler.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * How many callbacks were posted and answered with a success status.
	 * @return the count
	 */
	public long postedCount() {
		return this.posted.get();
	}

	/**
	 * How many callbacks were given up after their retries, or refused by the receiver.
	 * @return the count
	 */
	public long givenUpCount() {
		return this.givenUp.get();
	}

	/**
	 * How many callbacks are scheduled or in flight.
	 * @return the count
	 */
	public int pendingCount() {
		return this.pending.get();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.clientExecutor.shutdownNow();
	}

	private HttpRequest request(URI url, Map<String, String> params) {
		return HttpRequest.newBuilder(url)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.header("User-Agent", "TwilioProxy/1.1")
			.header(TwilioSignature.HEADER, this.signer.sign(url.toString(), params))
			.POST(HttpRequest.BodyPublishers.ofString(Exchanges.encodeForm(params)))
			.build();
	}

	private void later(Runnable task, long delayMillis) {
		try {
			this.scheduler.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void drain() {
		while (!this.waiting.isEmpty() && this.inFlight.tryAcquire()) {
			Runnable task = this.waiting.poll();
			if (task == null) {
				this.inFlight.release();
				return;
			}
			task.run();
		}
	}

	private void warn(String message) {
		long now = System.currentTimeMillis();
		long last = this.lastWarning.get();
		if (now - last >= WARNING_INTERVAL_MILLIS && this.lastWarning.compareAndSet(last, now)) {
			logger.log(System.Logger.Level.WARNING, message + " (callbacks given up so far: " + this.givenUp.get()
					+ ", dropped: " + this.dropped.get() + ")");
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * The callbacks of one message, posted one after the other.
	 */
	private final class Chain {

		private final URI url;

		private final List<Callback> callbacks;

		private int index;

		private int attempt;

		Chain(URI url, List<Callback> callbacks) {
			this.url = url;
			this.callbacks = callbacks;
		}

		void next() {
			if (this.index >= this.callbacks.size()) {
				return;
			}
			long delay = this.callbacks.get(this.index).dueAtMillis() - System.currentTimeMillis();
			later(this::enqueue, delay);
		}

		void enqueue() {
			CallbackDispatcher.this.waiting.add(this::send);
			drain();
		}

		void send() {
			Callback callback = this.callbacks.get(this.index);
			this.attempt++;
			CompletableFuture<HttpResponse<Void>> answer;
			try {
				answer = CallbackDispatcher.this.client.sendAsync(request(this.url, callback.params()),
						HttpResponse.BodyHandlers.discarding());
			}
			catch (RuntimeException ex) {
				answer = CompletableFuture.failedFuture(ex);
			}
			answer.whenComplete((response, failure) -> {
				CallbackDispatcher.this.inFlight.release();
				drain();
				completed((response != null) ? response.statusCode() : -1, failure);
			});
		}

		private void completed(int status, Throwable failure) {
			boolean success = failure == null && status < 400;
			boolean retryable = failure != null || status == 429 || status >= 500;
			if (!success && retryable && this.attempt < MAX_ATTEMPTS) {
				later(this::enqueue, FIRST_RETRY_MILLIS << (this.attempt - 1));
				return;
			}
			if (success) {
				CallbackDispatcher.this.posted.incrementAndGet();
			}
			else {
				CallbackDispatcher.this.givenUp.incrementAndGet();
				warn("Gave up a status callback to " + this.url + " after " + this.attempt + " attempt(s): "
						+ ((failure != null) ? failure : "HTTP " + status));
			}
			CallbackDispatcher.this.pending.decrementAndGet();
			this.index++;
			this.attempt = 0;
			next();
		}

	}

}
