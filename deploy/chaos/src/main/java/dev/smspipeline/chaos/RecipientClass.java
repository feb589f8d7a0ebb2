package dev.smspipeline.chaos;

import java.util.Set;

/**
 * The kinds of recipients a chaos campaign mixes, by the carrier simulator's scenario
 * table (deploy/carrier-simulator/README.md), and the final status each should end in
 * when nothing goes wrong.
 */
enum RecipientClass {

	/** Any other number: delivered within about 100 ms. */
	ORDINARY(null, Set.of("DELIVERED")),

	/** {@code +1415205xxxx}: accepted, sent, then never a callback: DELIVERY_UNKNOWN. */
	SILENT("205", Set.of("DELIVERY_UNKNOWN")),

	/** {@code +1415201xxxx}: a landline, refused with 21614: FAILED. */
	LANDLINE("201", Set.of("FAILED")),

	/** {@code +1415202xxxx}: accepted, then undelivered with 30003. */
	UNREACHABLE("202", Set.of("UNDELIVERED")),

	/**
	 * {@code +1415207xxxx}: 429 with Retry-After 3 to the first create, then delivered.
	 */
	RATE_LIMITED("207", Set.of("DELIVERED")),

	/** {@code +1415208xxxx}: HTTP 500 to the first two creates, then delivered. */
	FLAKY("208", Set.of("DELIVERED"));

	private final String exchange;

	private final Set<String> expected;

	RecipientClass(String exchange, Set<String> expected) {
		this.exchange = exchange;
		this.expected = expected;
	}

	/**
	 * The exchange of the simulator's {@code +1 415} scenario numbers.
	 * @return three digits, or {@code null} for ordinary numbers
	 */
	String exchange() {
		return this.exchange;
	}

	/**
	 * Whether a final status is the one this class ends in without faults.
	 * @param status a status name
	 * @return {@code true} when expected
	 */
	boolean expects(String status) {
		return this.expected.contains(status);
	}

	/**
	 * The label used in reports, e.g. {@code rate-limited}.
	 * @return the label
	 */
	String label() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
