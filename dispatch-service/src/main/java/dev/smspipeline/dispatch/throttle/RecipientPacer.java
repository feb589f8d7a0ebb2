package dev.smspipeline.dispatch.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides when the next text to a recipient may go to the carrier, and learns from what
 * went.
 *
 * <p>
 * Per recipient it keeps the time of the last submission, a hold (a 429's
 * {@code Retry-After}) and, when a rolling cap is set, the times of the last
 * {@code maxTexts} submissions; per (sender, recipient) pair the same for the pair's
 * limits and 14107 holds; per sender a token bucket in segments per second when the
 * sender cap is on. {@link #earliest} is the latest of every rule's earliest time.
 *
 * <p>
 * A submission is recorded at the time the carrier <em>answered</em> it, which is never
 * before the carrier received it: measuring the interval from there guarantees the
 * carrier sees at least the interval between two creates, however long the network took.
 *
 * <p>
 * Not thread-safe: the dispatcher calls it under its lock. Time is always passed in, so
 * tests move it by hand.
 */
public final class RecipientPacer {

	private static final String NO_SENDER = "";

	private final PacingSettings settings;

	private final PacingSettings.Window pairWindow;

	private final Map<String, Recipient> recipients = new HashMap<>();

	private final Map<String, SenderBucket> senders = new HashMap<>();

	public RecipientPacer(PacingSettings settings) {
		this.settings = settings;
		this.pairWindow = settings.pair().window();
	}

	/**
	 * The earliest instant the next text to {@code recipient} from {@code sender} may be
	 * submitted.
	 * @param recipient the recipient, E.164
	 * @param sender the sender number, or {@code null} for the account's default
	 * @param segments the text's segments, for the sender cap
	 * @param now the current time
	 * @return {@code now} or later
	 */
	public Instant earliest(String recipient, String sender, int segments, Instant now) {
		Instant earliest = now;
		Recipient state = this.recipients.get(recipient);
		if (state != null) {
			earliest = later(earliest, state.earliest(this.settings.minInterval(), this.settings.recipientWindow()));
			Slot pair = state.pairs.get(key(sender));
			if (pair != null) {
				earliest = later(earliest, pair.earliest(this.settings.pair().minInterval(), this.pairWindow));
			}
		}
		SenderBucket bucket = bucket(sender, now);
		if (bucket != null) {
			earliest = later(earliest, bucket.availableAt(segments, now));
		}
		return earliest;
	}

	/**
	 * Takes a text's segments from its sender's budget as its submission starts.
	 * @param sender the sender
	 * @param segments the text's segments
	 * @param at the start of the submission
	 */
	public void reserve(String sender, int segments, Instant at) {
		SenderBucket bucket = bucket(sender, at);
		if (bucket != null) {
			bucket.take(Math.max(1, segments), at);
		}
	}

	/**
	 * Gives back what {@link #reserve} took when no carrier call was made after all (the
	 * text was decided before, expired, cancelled or opted out).
	 * @param sender the sender
	 * @param segments the text's segments
	 * @param at now
	 */
	public void refund(String sender, int segments, Instant at) {
		SenderBucket bucket = this.senders.get(key(sender));
		if (bucket != null) {
			bucket.give(Math.max(1, segments), at);
		}
	}

	/**
	 * Records a submission to {@code recipient}: the carrier answered at {@code at}. A
	 * call whose answer is unknown (a timeout) counts too: the carrier may have taken it.
	 * @param recipient the recipient
	 * @param sender the sender, or {@code null}
	 * @param at when the carrier answered
	 */
	public void submitted(String recipient, String sender, Instant at) {
		Recipient state = this.recipients.computeIfAbsent(recipient, (r) -> new Recipient());
		state.record(at, this.settings.recipientWindow());
		if (pairRulesOn()) {
			state.pairs.computeIfAbsent(key(sender), (s) -> new Slot()).record(at, this.pairWindow);
		}
	}

	/**
	 * The carrier holds the recipient (HTTP 429, code 20429) until {@code until}.
	 * @param recipient the recipient
	 * @param until the end of the hold
	 */
	public void holdRecipient(String recipient, Instant until) {
		this.recipients.computeIfAbsent(recipient, (r) -> new Recipient()).hold(until);
	}

	/**
	 * The carrier holds the pair of {@code sender} and {@code recipient} (code 14107)
	 * until {@code until}; texts to the recipient from other senders go on.
	 * @param sender the sender, or {@code null}
	 * @param recipient the recipient
	 * @param until the end of the hold
	 */
	public void holdPair(String sender, String recipient, Instant until) {
		this.recipients.computeIfAbsent(recipient, (r) -> new Recipient()).pairs
			.computeIfAbsent(key(sender), (s) -> new Slot())
			.hold(until);
	}

	/**
	 * Assumes a submission to {@code recipient} at {@code at} unless a later one is
	 * known: for a number first seen after a partition assignment, whose last text
	 * another instance (or this one before a restart) may have sent just before.
	 * @param recipient the recipient
	 * @param at the assumed time, the assignment's
	 */
	public void assumeSubmittedAt(String recipient, Instant at) {
		Recipient state = this.recipients.computeIfAbsent(recipient, (r) -> new Recipient());
		state.last = later(state.last, at);
	}

	/**
	 * Whether the carrier holds the recipient, or one of its pairs, at {@code now}.
	 * @param recipient the recipient
	 * @param now the current time
	 * @return whether a carrier hold is in force
	 */
	public boolean held(String recipient, Instant now) {
		Recipient state = this.recipients.get(recipient);
		return state != null && state.held(now);
	}

	/**
	 * The recipients the carrier holds at {@code now}.
	 * @param now the current time
	 * @return how many
	 */
	public int heldCount(Instant now) {
		int held = 0;
		for (Recipient state : this.recipients.values()) {
			if (state.held(now)) {
				held++;
			}
		}
		return held;
	}

	/**
	 * Forgets recipients and senders on which no rule has anything left to say at
	 * {@code now}: forgetting them changes no decision. Keeps memory bounded by the
	 * numbers texted recently.
	 * @param now the current time
	 */
	public void evictIdle(Instant now) {
		Duration recipientHorizon = longest(this.settings.minInterval(), this.settings.recipientWindow());
		Duration pairHorizon = longest(this.settings.pair().minInterval(), this.pairWindow);
		for (Iterator<Recipient> states = this.recipients.values().iterator(); states.hasNext();) {
			Recipient state = states.next();
			state.pairs.values().removeIf((pair) -> pair.idle(now, pairHorizon));
			if (state.pairs.isEmpty() && state.idle(now, recipientHorizon)) {
				states.remove();
			}
		}
		this.senders.values().removeIf((bucket) -> bucket.full(now));
	}

	/** Recipients with pacing state, for tests and metrics. */
	public int tracked() {
		return this.recipients.size();
	}

	private boolean pairRulesOn() {
		return positive(this.settings.pair().minInterval()) || this.pairWindow.enabled();
	}

	private SenderBucket bucket(String sender, Instant now) {
		double rate = this.settings.senderCap().rateOf(sender);
		if (rate <= 0) {
			return null;
		}
		return this.senders.computeIfAbsent(key(sender), (s) -> new SenderBucket(rate, now));
	}

	private static String key(String sender) {
		return (sender != null) ? sender : NO_SENDER;
	}

	private static Duration longest(Duration interval, PacingSettings.Window window) {
		return (window.enabled() && window.length().compareTo(interval) > 0) ? window.length() : interval;
	}

	static boolean positive(Duration duration) {
		return !duration.isZero() && !duration.isNegative();
	}

	static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b != null && b.isAfter(a)) ? b : a;
	}

	/** What one rule set knows about one recipient or one pair. */
	private static class Slot {

		Instant last;

		Instant heldUntil;

		ArrayDeque<Instant> recent;

		Instant earliest(Duration minInterval, PacingSettings.Window window) {
			Instant earliest = null;
			if (this.last != null && positive(minInterval)) {
				earliest = this.last.plus(minInterval);
			}
			earliest = later(earliest, this.heldUntil);
			if (window.enabled() && this.recent != null && this.recent.size() >= window.maxTexts()) {
				// the oldest of the last maxTexts leaves the window after its length
				earliest = later(earliest, this.recent.peekFirst().plus(window.length()));
			}
			return earliest;
		}

		void record(Instant at, PacingSettings.Window window) {
			this.last = later(this.last, at);
			if (window.enabled()) {
				if (this.recent == null) {
					this.recent = new ArrayDeque<>(window.maxTexts() + 1);
				}
				this.recent.addLast(at);
				while (this.recent.size() > window.maxTexts()) {
					this.recent.removeFirst();
				}
			}
		}

		void hold(Instant until) {
			this.heldUntil = later(this.heldUntil, until);
		}

		boolean held(Instant now) {
			return this.heldUntil != null && this.heldUntil.isAfter(now);
		}

		boolean idle(Instant now, Duration horizon) {
			boolean recent = this.last != null && this.last.plus(horizon).isAfter(now);
			return !recent && !held(now);
		}

	}

	private static final class Recipient extends Slot {

		final Map<String, Slot> pairs = new HashMap<>(2);

		@Override
		boolean held(Instant now) {
			if (super.held(now)) {
				return true;
			}
			for (Slot pair : this.pairs.values()) {
				if (pair.held(now)) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * A token bucket in segments: refills at the sender's rate up to one second's worth
	 * (at least one segment). A text of more segments than the bucket holds goes when the
	 * bucket is full and leaves it in debt, so the rate holds over time.
	 */
	private static final class SenderBucket {

		private final double rate;

		private final double capacity;

		private double tokens;

		private Instant updated;

		SenderBucket(double rate, Instant now) {
			this.rate = rate;
			this.capacity = Math.max(1.0, rate);
			this.tokens = this.capacity;
			this.updated = now;
		}

		Instant availableAt(int segments, Instant now) {
			refill(now);
			double needed = Math.min(Math.max(1, segments), this.capacity);
			if (this.tokens >= needed) {
				return now;
			}
			long nanos = (long) Math.ceil((needed - this.tokens) / this.rate * 1_000_000_000L);
			return now.plusNanos(nanos);
		}

		void take(int segments, Instant at) {
			refill(at);
			this.tokens -= segments;
		}

		void give(int segments, Instant at) {
			refill(at);
			this.tokens = Math.min(this.capacity, this.tokens + segments);
		}

		boolean full(Instant now) {
			refill(now);
			return this.tokens >= this.capacity;
		}

		private void refill(Instant now) {
			if (now.isAfter(this.updated)) {
				double seconds = Duration.between(this.updated, now).toNanos() / 1e9;
				this.tokens = Math.min(this.capacity, this.tokens + seconds * this.rate);
				this.updated = now;
			}
		}

	}

}
