package dev.smspipeline.bench;

/**
 * Valid US numbers that the carrier simulator delivers (none of its {@code +1415 2xx}
 * scenario numbers): {@code +1 <area> <exchange 200-999> <line 0000-9999>}, 8,000,000 per
 * area code. Each use of the benchmark (measured texts, warm-up, carrier ceiling) has its
 * own area codes, so they never share a number.
 */
final class NumberPool {

	/** The measured texts. */
	static final NumberPool MEASURED = new NumberPool(312, 646, 213, 617);

	/** Warm-up texts, before the measurement. */
	static final NumberPool WARMUP = new NumberPool(718);

	/** The carrier ceiling's creates (straight to the simulator). */
	static final NumberPool CARRIER_CEILING = new NumberPool(917, 347);

	private static final int PER_AREA = 800 * 10_000;

	private final int[] areaCodes;

	NumberPool(int... areaCodes) {
		this.areaCodes = areaCodes.clone();
	}

	/**
	 * The number at an index.
	 * @param index from 0
	 * @return an E.164 number
	 */
	String number(long index) {
		long area = index / PER_AREA;
		if (index < 0 || area >= this.areaCodes.length) {
			throw new IllegalArgumentException("no number " + index + " in a pool of " + capacity());
		}
		int within = (int) (index % PER_AREA);
		int exchange = 200 + within / 10_000;
		int line = within % 10_000;
		return String.format("+1%03d%03d%04d", this.areaCodes[(int) area], exchange, line);
	}

	long capacity() {
		return (long) PER_AREA * this.areaCodes.length;
	}

}
