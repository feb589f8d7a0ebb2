package dev.smspipeline.campaign.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.campaign.CampaignTexts;
import dev.smspipeline.campaign.campaign.CampaignTexts.Running;

/**
 * Releases due campaign texts every {@code interval}, as fast as dispatch takes them and
 * fairly between accounts and campaigns:
 * <ol>
 * <li><b>How many:</b> what the {@link ReleaseWindow} leaves open (a few seconds of
 * dispatch's measured throughput, less what is already in Kafka or dispatch), at most
 * {@code rate} per second for this instance.</li>
 * <li><b>Whose:</b> split by {@link FairShare} between the running campaigns, equally by
 * account, then by campaign. A campaign with fewer due texts than its share leaves the
 * rest to the others in a second pass (and a third), so no permit is wasted while someone
 * has texts due.</li>
 * <li><b>Release:</b> each campaign's share by {@link TextRelease}, in transactions of at
 * most {@code batch-size}.</li>
 * </ol>
 * The held texts of canceled campaigns are swept by {@link CanceledTextSweep}; SENT is
 * announced by {@link SentAnnouncement} once every text is submitted or ended.
 */
@Component
public class ReleasePoller {

	private static final Logger log = LoggerFactory.getLogger(ReleasePoller.class);

	private static final int PASSES = 3;

	private final CampaignTexts texts;

	private final TextRelease release;

	private final ReleaseWindow window;

	private final ReleaseSettings settings;

	private final AtomicReference<Double> deficit = new AtomicReference<>(0.0);

	private double tokens;

	private long refilledAt = System.nanoTime();

	private int turn;

	ReleasePoller(CampaignTexts texts, TextRelease release, ReleaseWindow window, ReleaseSettings settings,
			MeterRegistry meters) {
		this.texts = texts;
		this.release = release;
		this.window = window;
		this.settings = settings;
		Gauge.builder("sms.campaign.release.fair.share.deficit", this.deficit, AtomicReference::get)
			.description("In the last release round, how far the least served account with texts due fell short "
					+ "of the best served one (0 = equal shares, 1 = one got nothing)")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${sms.campaigns.release.interval:200ms}")
	void run() {
		if (!this.settings.enabled()) {
			return;
		}
		try {
			releaseDue();
		}
		catch (RuntimeException ex) {
			log.warn("Release round failed; the next round tries again: {}", ex.toString());
		}
	}

	/**
	 * One release round.
	 * @return how many texts were claimed
	 */
	int releaseDue() {
		int permits = Math.min(permits(), this.window.open());
		if (permits == 0) {
			return 0;
		}
		List<Running> hungry = this.texts.running();
		Map<String, Integer> byAccount = new HashMap<>();
		int left = permits;
		for (int pass = 0; pass < PASSES && left > 0 && !hungry.isEmpty(); pass++) {
			Map<UUID, Integer> shares = FairShare.split(hungry, left, this.turn++);
			List<Running> stillHungry = new ArrayList<>();
			for (Running campaign : hungry) {
				int share = shares.get(campaign.id());
				int claimed = (share > 0) ? releaseUpTo(campaign, share) : 0;
				left -= claimed;
				byAccount.merge(campaign.accountId(), claimed, Integer::sum);
				if (claimed == share) {
					stillHungry.add(campaign);
				}
			}
			hungry = stillHungry;
		}
		int claimed = permits - left;
		this.tokens -= claimed;
		this.deficit.set(deficit(hungry, byAccount));
		return claimed;
	}

	private int releaseUpTo(Running campaign, int share) {
		int claimed = 0;
		while (claimed < share) {
			int limit = Math.min(this.settings.batchSize(), share - claimed);
			int got = this.release.release(campaign.id(), limit);
			claimed += got;
			if (got < limit) {
				break;
			}
		}
		return claimed;
	}

	/**
	 * Among accounts that still had texts due at the end of the round, how far the least
	 * served fell short of the best served.
	 */
	private static double deficit(List<Running> hungry, Map<String, Integer> byAccount) {
		int most = 0;
		int least = Integer.MAX_VALUE;
		int accounts = 0;
		for (String account : hungry.stream().map(Running::accountId).distinct().toList()) {
			int released = byAccount.getOrDefault(account, 0);
			most = Math.max(most, released);
			least = Math.min(least, released);
			accounts++;
		}
		return (accounts < 2 || most == 0) ? 0.0 : (most - least) / (double) most;
	}

	/** The per-instance cap, a token bucket of {@code rate} per second. */
	private int permits() {
		long nanos = System.nanoTime();
		double rate = this.settings.rate();
		this.tokens = Math.min(Math.max(rate, 1), this.tokens + (nanos - this.refilledAt) / 1e9 * rate);
		this.refilledAt = nanos;
		return (int) Math.floor(this.tokens);
	}

}
