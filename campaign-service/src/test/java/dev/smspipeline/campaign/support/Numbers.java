package dev.smspipeline.campaign.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Phone numbers no other test uses, in the area codes whose zones the tests rely on. The
 * sequence starts from the clock, so a rerun against a kept database meets no old texts
 * either.
 */
public final class Numbers {

	private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() / 1000 % 5_000_000);

	private Numbers() {
	}

	/** A New York number (America/New_York). */
	public static String newYork() {
		return "+1212" + subscriber();
	}

	/** A Chicago number (America/Chicago). */
	public static String chicago() {
		return "+1312" + subscriber();
	}

	/** A Los Angeles number (America/Los_Angeles). */
	public static String losAngeles() {
		return "+1213" + subscriber();
	}

	/** A Toronto number (Canada, America/Toronto). */
	public static String toronto() {
		return "+1416" + subscriber();
	}

	private static String subscriber() {
		long next = NEXT.incrementAndGet();
		long exchange = 200 + (next / 10_000) % 700;
		if (exchange % 100 == 11) {
			exchange++;
		}
		return String.format("%03d%04d", exchange, next % 10_000);
	}

}
