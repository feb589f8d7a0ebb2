package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The dispatcher's threads: {@code maxInFlight} workers for the attempts (idle ones time
 * out), four settlers, one timer. Closing lets what runs finish, up to five seconds per
 * pool.
 */
final class DispatchPools implements AutoCloseable {

	private final ThreadPoolExecutor workers;

	private final ExecutorService settlers;

	private final ScheduledExecutorService timer;

	DispatchPools(int maxInFlight) {
		this.workers = new ThreadPoolExecutor(maxInFlight, maxInFlight, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new CustomizableThreadFactory("dispatch-worker-"));
		this.workers.allowCoreThreadTimeOut(true);
		this.settlers = Executors.newFixedThreadPool(4, new CustomizableThreadFactory("dispatch-settle-"));
		this.timer = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("dispatch-timer-"));
	}

	Dispatcher.Threads threads() {
		return new Dispatcher.Threads(this.workers, this.settlers, this::after);
	}

	private void after(Duration delay, Runnable task) {
		this.timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.workers.shutdown();
		this.settlers.shutdown();
		try {
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
			this.settlers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.timer.shutdownNow();
		this.workers.shutdownNow();
		this.settlers.shutdownNow();
	}

}
