package dev.smspipeline.dispatch.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.common.TopicPartition;

import dev.smspipeline.dispatch.backlog.ParkedRow;
import dev.smspipeline.dispatch.offsets.PartitionProgress;
import dev.smspipeline.dispatch.throttle.PacingSettings;
import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.TrafficClass;

/**
 * A dispatcher built from its real parts around fakes: a clock the test moves, workers
 * and settlers that run on the test's thread (at once, or when held, on demand), the
 * parked table in memory, a scripted submission flow. The scheduler's thread is never
 * started: the test runs its rounds.
 */
final class DispatchHarness {

	static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

	static final String ADA = "+14155550100";

	static final String BOB = "+14155550101";

	static final String SENDER = "+15005550006";

	static final TopicPartition PARTITION = new TopicPartition("sms.message-requested", 0);

	final MutableClock clock = new MutableClock(T0);

	final ManualExecutor workers = new ManualExecutor();

	final ManualExecutor settlers = new ManualExecutor();

	final ManualDelays delays = new ManualDelays(this.clock);

	final ScriptedAttempts attempts = new ScriptedAttempts(this.clock);

	final InMemoryParking parking = new InMemoryParking();

	final RecipientPacer pacer = new RecipientPacer(PacingSettings.defaults());

	final List<String> gate = new ArrayList<>();

	final List<String> deadLetters = new ArrayList<>();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final Dispatcher dispatcher;

	private final Map<String, MessageRequested> requests = new HashMap<>();

	private PartitionProgress progress;

	private long nextOffset;

	/**
	 * @param perNumber texts of one number in memory
	 * @param maxBuffered texts in memory in all
	 * @param maxInFlight attempts at once
	 * @param retry tries of a text whose processing throws
	 */
	DispatchHarness(int perNumber, int maxBuffered, int maxInFlight, IntakeRetry retry) {
		this(perNumber, maxBuffered, maxInFlight, retry, PrioritySettings.defaults());
	}

	/**
	 * @param perNumber texts of one account and class to one number in memory
	 * @param maxBuffered texts in memory in all
	 * @param maxInFlight attempts at once
	 * @param retry tries of a text whose processing throws
	 * @param priority the room kept for transactional texts
	 */
	DispatchHarness(int perNumber, int maxBuffered, int maxInFlight, IntakeRetry retry, PrioritySettings priority) {
		IntakeGate intakeGate = new IntakeGate() {

			@Override
			public void pause() {
				DispatchHarness.this.gate.add("pause");
			}

			@Override
			public void resume() {
				DispatchHarness.this.gate.add("resume");
			}

			@Override
			public int pausedPartitions() {
				return 0;
			}

		};
		Dispatcher.Ports ports = new Dispatcher.Ports(this.attempts, this.pacer, this.parking,
				(request) -> this.attempts.cancelledCampaigns.contains(request.getCampaignId()), intakeGate,
				(work, failure) -> this.deadLetters.add(work.toString()), this::read);
		this.dispatcher = new Dispatcher(
				new Dispatcher.Settings(new BufferSettings(perNumber, maxBuffered, Duration.ofSeconds(10)), priority,
						maxInFlight, retry),
				ports, new Dispatcher.Threads(this.workers, this.settlers, this.delays), this.clock, this.meters,
				ObservationRegistry.NOOP);
		this.progress = assign(0);
	}

	DispatchHarness() {
		this(50, 20_000, 16, new IntakeRetry(3, Duration.ofSeconds(2)));
	}

	/**
	 * A new epoch of the partition, assigned a minute ago, from {@code startPosition}.
	 */
	PartitionProgress assign(long startPosition) {
		return assign(startPosition, T0.minusSeconds(60));
	}

	/** A new epoch of the partition, assigned at {@code assignedAt}. */
	PartitionProgress assign(long startPosition, Instant assignedAt) {
		this.progress = new PartitionProgress(PARTITION, startPosition, assignedAt);
		this.nextOffset = startPosition;
		return this.progress;
	}

	PartitionProgress progress() {
		return this.progress;
	}

	/** A text to {@code recipient}, read from the next offset. */
	Work take(String recipient, String messageId) {
		return take(request(recipient, messageId).build());
	}

	Work take(MessageRequested request) {
		long offset = this.nextOffset++;
		this.progress.track(offset, () -> {
		});
		this.requests.put(request.getMessageId(), request);
		Work work = Work.fromRecord(this.progress, offset, request.getRecipient(),
				request.getMessageId().getBytes(StandardCharsets.UTF_8), request, this.clock.instant());
		this.dispatcher.take(work);
		return work;
	}

	/** Skips to {@code offset}: the next text taken is read from it. */
	void readFrom(long offset) {
		this.nextOffset = offset;
	}

	/** A row an earlier owner parked. */
	void seedParked(String recipient, String messageId, long offset) {
		MessageRequested request = request(recipient, messageId).build();
		this.requests.put(messageId, request);
		this.parking.seed(new ParkedRow(PARTITION.partition(), offset, recipient, messageId, "c1",
				messageId.getBytes(StandardCharsets.UTF_8), T0.minusSeconds(120)));
	}

	/** One scheduler round at the clock's instant, then the parked table's work. */
	void round() {
		this.dispatcher.scheduler().runDue(this.clock.instant());
		this.parking.drain();
	}

	/** Moves the clock, then runs a round. */
	void after(Duration duration) {
		this.clock.advance(duration);
		this.delays.runDue();
		round();
	}

	static MessageRequested.Builder request(String recipient, String messageId) {
		return MessageRequested.newBuilder()
			.setMessageId(messageId)
			.setAccountId("acme")
			.setCampaignId("c1")
			.setRecipient(recipient)
			.setSender(SENDER)
			.setBody("Hello")
			.setRequestedAt(T0.minusSeconds(1));
	}

	/** A BULK (campaign) text to {@code recipient}. */
	static MessageRequested.Builder bulk(String recipient, String messageId) {
		return request(recipient, messageId).setPriority(TrafficClass.BULK);
	}

	/** A text with {@code recipient} as its number, that {@code account} asked for. */
	static MessageRequested.Builder ofAccount(String account, String recipient, String messageId) {
		return request(recipient, messageId).setAccountId(account);
	}

	private MessageRequested read(byte[] value) {
		MessageRequested request = this.requests.get(new String(value, StandardCharsets.UTF_8));
		if (request == null) {
			throw new IllegalArgumentException("Unknown magic byte!");
		}
		return request;
	}

}
