package dev.smspipeline.simulator.callback;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.smspipeline.simulator.http.Exchanges;
import dev.smspipeline.twilio.TwilioSignature;

/**
 * Posts signed webhooks: the status callbacks of accepted messages, and single webhooks
 * on demand ({@link #post}). What it guarantees:
 * <ul>
 * <li><b>Order per message.</b> The callbacks of one message go out one after the other,
 * in their planned order: the next one is queued only when the previous one is done
 * (answered with a success, or given up), and none before it is due.</li>
 * <li><b>By due time across messages.</b> Of the callbacks waiting, the one due earliest
 * is posted first (ties in the order they were queued), so a message's later callback
 * that is due does not wait behind newer messages' earlier ones.</li>
 * <li><b>At most {@code maxInFlight} posts at once.</b> That many worker threads take due
 * callbacks from one queue ordered by due time, and each posts one at a time with Apache
 * HttpClient 5 (classic, blocking) over pooled keep-alive connections: 2 seconds to
 * connect, 10 seconds to answer.</li>
 * <li><b>Retries until the give-up time.</b> A callback answered by a connection failure
 * or timeout, 429 or 5xx is retried with exponential backoff (200 ms, doubling, at most 5
 * seconds apart, the last attempt at the give-up time) until {@code retryFor} has passed
 * since its first attempt; an attempt that fails after that gives it up. Other 4xx
 * answers give it up at once. While one callback is retried, the later callbacks of its
 * message wait; other messages do not.</li>
 * <li><b>Bounded.</b> Beyond {@link #MAX_PENDING} callbacks waiting or in flight, the
 * callbacks of new messages are dropped with a warning.</li>
 * </ul>
 * Given-up and dropped callbacks are logged, at most one warning every 10 s. Nothing a
 * receiver does stops the simulator. Closing it drops the callbacks not posted yet.
 */
public final class CallbackDispatcher implements AutoCloseable {

	/** Default {@code retryFor}: outlasts a restart of the receiver. */
	public static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(120);

	/** Callbacks waiting to be posted beyond which new messages get none. */
	public static final int MAX_PENDING = 1_000_000;

	static final long FIRST_RETRY_MILLIS = 200;

	static final long MAX_RETRY_MILLIS = 5_000;

	private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

	private static final int REQUEST_TIMEOUT_MILLIS = 10_000;

	private static final int EXTRA_CONNECTIONS = 8;

	private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

	private static final String USER_AGENT = "TwilioProxy/1.1";

	private static final long WARNING_INTERVAL_MILLIS = 10_000;

	private static final System.Logger logger = System.getLogger(CallbackDispatcher.class.getName());

	private final TwilioSignature signer;

	private final long retryForMillis;

	private final CloseableHttpClient client;

	private final DelayQueue<Chain> waiting = new DelayQueue<>();

	private final List<Thread> workers;

	private final ScheduledThreadPoolExecutor scheduler;

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicLong posted = new AtomicLong();

	private final AtomicLong givenUp = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong lastWarning = new AtomicLong();

	private volatile boolean closed;

	/**
	 * Creates a dispatcher that retries callbacks for {@link #DEFAULT_RETRY_FOR}.
	 * @param threads threads of the scheduler running {@link #every} tasks
	 * @param maxInFlight worker threads posting callbacks: the most posted at once
	 * @param signer signs every post
	 * @see #CallbackDispatcher(int, int, Duration, TwilioSignature)
	 */
	public CallbackDispatcher(int threads, int maxInFlight, TwilioSignature signer) {
		this(threads, maxInFlight, DEFAULT_RETRY_FOR, signer);
	}

	/**
	 * Creates a dispatcher.
	 * @param threads threads of the scheduler running {@link #every} tasks (callbacks are
	 * timed by their queue, not by a scheduler)
	 * @param maxInFlight worker threads posting callbacks: the most posted at once, and
	 * the keep-alive connections kept open to a receiver (plus a few for {@link #post})
	 * @param retryFor how long after its first attempt a failing callback is still
	 * retried; zero for no retries
	 * @param signer signs every post
	 */
	public CallbackDispatcher(int threads, int maxInFlight, Duration retryFor, TwilioSignature signer) {
		if (threads < 1 || maxInFlight < 1) {
			throw new IllegalArgumentException("threads and maxInFlight must be at least 1");
		}
		if (retryFor.isNegative()) {
			throw new IllegalArgumentException("retryFor must not be negative: " + retryFor);
		}
		this.signer = signer;
		this.retryForMillis = retryFor.toMillis();
		this.client = client(maxInFlight);
		this.scheduler = new ScheduledThreadPoolExecutor(threads, daemonThreads("sim-timer"));
		ThreadFactory workerThreads = daemonThreads("sim-callback-post");
		this.workers = new ArrayList<>(maxInFlight);
		for (int i = 0; i < maxInFlight; i++) {
			Thread worker = workerThreads.newThread(this::work);
			this.workers.add(worker);
			worker.start();
		}
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
		Chain chain = new Chain(url, callbacks);
		chain.queue(callbacks.get(0).dueAtMillis());
		return true;
	}

	/**
	 * Posts one signed webhook now, on the calling thread, outside the in-flight limit
	 * and without retries.
	 * @param url where to post it
	 * @param params its form parameters
	 * @return the receiver's answer
	 * @throws IOException when the receiver cannot be reached or does not answer in time
	 */
	public Answer post(URI url, Map<String, String> params) throws IOException {
		return send(url, body(params), this.signer.sign(url.toString(), params), true);
	}

	/**
	 * Runs a task now and then at a fixed rate on the scheduler.
	 * @param period the period
	 * @param task the task
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
	 * How many callbacks were given up: retried until the give-up time, or refused by the
	 * receiver.
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

	/**
	 * Stops posting and drops the callbacks not posted yet. A post in flight ends with
	 * its timeout at the latest.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.scheduler.shutdownNow();
		this.workers.forEach(Thread::interrupt);
		this.waiting.clear();
		try {
			this.client.close(CloseMode.IMMEDIATE);
		}
		catch (RuntimeException ex) {
			// closing anyway
		}
	}

	private void work() {
		while (!this.closed) {
			Chain chain;
			try {
				chain = this.waiting.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				chain.attempt();
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.ERROR, "Status callback to " + chain.url + " failed", ex);
			}
		}
	}

	private Answer send(URI url, byte[] body, String signature, boolean readBody) throws IOException {
		HttpPost post = new HttpPost(url);
		post.setHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
		post.setHeader(TwilioSignature.HEADER, signature);
		post.setEntity(new ByteArrayEntity(body, null));
		return this.client.execute(post, (response) -> {
			HttpEntity entity = response.getEntity();
			String text = "";
			if (readBody && entity != null) {
				text = EntityUtils.toString(entity, StandardCharsets.UTF_8);
			}
			else {
				EntityUtils.consume(entity);
			}
			return new Answer(response.getCode(), text);
		});
	}

	/**
	 * A blocking client with a pool of keep-alive connections: one per worker, and a few
	 * for {@link #post}. A connection idle for more than a second is checked before it is
	 * used again, so one the receiver closed meanwhile (it restarted) is not tried.
	 */
	private static CloseableHttpClient client(int maxInFlight) {
		int connections = maxInFlight + EXTRA_CONNECTIONS;
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(connections)
				.setMaxConnPerRoute(connections)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.ofMilliseconds(CONNECT_TIMEOUT_MILLIS))
					.setSocketTimeout(Timeout.ofMilliseconds(REQUEST_TIMEOUT_MILLIS))
					.setValidateAfterInactivity(TimeValue.ofSeconds(1))
					.build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(Timeout.ofMilliseconds(REQUEST_TIMEOUT_MILLIS))
				.setResponseTimeout(Timeout.ofMilliseconds(REQUEST_TIMEOUT_MILLIS))
				.setRedirectsEnabled(false)
				.build())
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.disableAutomaticRetries()
			.disableContentCompression()
			.disableCookieManagement()
			.disableRedirectHandling()
			.disableAuthCaching()
			.setUserAgent(USER_AGENT)
			.build();
	}

	private static byte[] body(Map<String, String> params) {
		return Exchanges.encodeForm(params).getBytes(StandardCharsets.UTF_8);
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
	 * The time to wait after a failed attempt before the next one.
	 * @param attempts the attempts made so far, at least 1
	 * @return the backoff in milliseconds
	 */
	static long backoffMillis(int attempts) {
		int doublings = Math.min(attempts - 1, 20);
		return Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << doublings);
	}

	/**
	 * A receiver's answer to {@link #post}.
	 *
	 * @param statusCode its HTTP status
	 * @param body its body, as UTF-8 text
	 */
	public record Answer(int statusCode, String body) {
	}

	/**
	 * The callbacks of one message, posted one after the other. It is in the waiting
	 * queue at most once, and only the worker that took it changes it.
	 */
	private final class Chain implements Delayed {

		private final URI url;

		private final List<Callback> callbacks;

		private int index;

		private int attempts;

		private long firstAttemptAt;

		private byte[] body;

		private String signature;

		private long dueAt;

		private long seq;

		Chain(URI url, List<Callback> callbacks) {
			this.url = url;
			this.callbacks = callbacks;
		}

		void queue(long dueAtMillis) {
			if (CallbackDispatcher.this.closed) {
				return;
			}
			this.dueAt = dueAtMillis;
			this.seq = CallbackDispatcher.this.sequence.getAndIncrement();
			CallbackDispatcher.this.waiting.add(this);
		}

		void attempt() {
			Callback callback = this.callbacks.get(this.index);
			if (this.attempts++ == 0) {
				this.firstAttemptAt = System.currentTimeMillis();
				this.body = body(callback.params());
				this.signature = CallbackDispatcher.this.signer.sign(this.url.toString(), callback.params());
			}
			int status;
			Exception failure = null;
			try {
				status = send(this.url, this.body, this.signature, false).statusCode();
			}
			catch (IOException | RuntimeException ex) {
				status = -1;
				failure = ex;
			}
			if (failure == null && status < 400) {
				CallbackDispatcher.this.posted.incrementAndGet();
				next();
				return;
			}
			long now = System.currentTimeMillis();
			boolean retryable = failure != null || status == 429 || status >= 500;
			long giveUpAt = this.firstAttemptAt + CallbackDispatcher.this.retryForMillis;
			if (retryable && now < giveUpAt) {
				queue(Math.min(now + backoffMillis(this.attempts), giveUpAt));
				return;
			}
			CallbackDispatcher.this.givenUp.incrementAndGet();
			warn("Gave up a status callback to " + this.url + " after " + this.attempts + " attempt(s) in "
					+ (now - this.firstAttemptAt) + " ms: " + ((failure != null) ? failure : "HTTP " + status));
			next();
		}

		private void next() {
			CallbackDispatcher.this.pending.decrementAndGet();
			this.index++;
			this.attempts = 0;
			this.body = null;
			this.signature = null;
			if (this.index < this.callbacks.size()) {
				queue(this.callbacks.get(this.index).dueAtMillis());
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.dueAt - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			Chain that = (Chain) other;
			int byDue = Long.compare(this.dueAt, that.dueAt);
			return (byDue != 0) ? byDue : Long.compare(this.seq, that.seq);
		}

	}

}
