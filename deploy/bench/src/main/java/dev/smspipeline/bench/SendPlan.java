package dev.smspipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which number each text of a run goes to: fresh numbers from a {@link NumberPool}, and a
 * share of texts to numbers already used in the run (the repeats the dispatcher must pace
 * at one text per interval per number).
 */
final class SendPlan {

	private SendPlan() {
	}

	/**
	 * Plans a run.
	 * @param messages texts in the run
	 * @param numbers distinct numbers at most
	 * @param repeatShare share of texts, from 0 to 1, that go to a number already used
	 * @param seed the random seed (a run is reproducible)
	 * @param pool where fresh numbers come from
	 * @return the texts, in request order
	 */
	static List<PlannedText> plan(int messages, int numbers, double repeatShare, long seed, NumberPool pool) {
		if (numbers < 1) {
			throw new IllegalArgumentException("numbers must be at least 1");
		}
		SplittableRandom random = new SplittableRandom(seed);
		List<String> used = new ArrayList<>();
		List<PlannedText> texts = new ArrayList<>(messages);
		for (int seq = 0; seq < messages; seq++) {
			boolean repeat = !used.isEmpty() && (used.size() >= numbers || random.nextDouble() < repeatShare);
			if (repeat) {
				texts.add(new PlannedText(seq, used.get(random.nextInt(used.size())), false));
			}
			else {
				String fresh = pool.number(used.size());
				used.add(fresh);
				texts.add(new PlannedText(seq, fresh, true));
			}
		}
		return texts;
	}

}
