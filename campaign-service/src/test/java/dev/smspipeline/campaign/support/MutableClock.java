package dev.smspipeline.campaign.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests can move: it runs like the system clock, shifted by an offset that
 * {@link #setTo} and {@link #advance} change. Time keeps flowing, so the service's
 * pollers behave as in production, only at another time of day.
 */
public class MutableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	/** Makes now {@code instant}. */
	public void setTo(Instant instant) {
		this.offset = Duration.between(Instant.now(), instant);
	}

	/** Moves time forward. */
	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/** Back to the system clock. */
	public void reset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The service reads instants only");
	}

}
