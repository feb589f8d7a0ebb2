package dev.smspipeline.status;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;

import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CampaignEventType;
import dev.smspipeline.testsupport.kafka.TopicProbe;

/**
 * What a test sees of campaign completions on {@code sms.campaign-events}.
 */
public final class Completions {

	private Completions() {
	}

	/** The completion events of {@code campaign} read so far. */
	public static List<CampaignEvent> of(TopicProbe<CampaignEvent> probe, String campaign) {
		return probe.values(
				(event) -> event.getCampaignId().equals(campaign) && event.getType() == CampaignEventType.COMPLETED);
	}

	/**
	 * Exactly one completion event of {@code campaign}, and still one after a second of
	 * job runs (the tests run the completion job every 200 ms).
	 */
	public static void assertOnlyOne(TopicProbe<CampaignEvent> probe, String campaign) {
		Awaitility.await("one completion of " + campaign)
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> of(probe, campaign).size(), (count) -> count == 1);
	}

	/** No completion event of {@code campaign} through a second of job runs. */
	public static void assertNone(TopicProbe<CampaignEvent> probe, String campaign) {
		Awaitility.await("no completion of " + campaign)
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> of(probe, campaign), List::isEmpty);
	}

}
