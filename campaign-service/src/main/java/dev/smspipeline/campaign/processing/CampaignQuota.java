package dev.smspipeline.campaign.processing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.campaign.Campaign;
import dev.smspipeline.campaign.limits.Quota;
import dev.smspipeline.campaign.limits.SendingQuotas;
import dev.smspipeline.platform.sms.SmsSegments;
import dev.smspipeline.campaign.message.Template;

/**
 * A campaign against its account's sending quota ({@link SendingQuotas}).
 * <ul>
 * <li><b>At start</b> ({@link #refusalAtStart}): the campaign's segments are estimated as
 * its audience's valid numbers times the segments of its body rendered for the first of
 * them; a campaign whose estimate would pass the quota does not start (FAILED,
 * {@code SENDING_LIMIT}) and creates no text.</li>
 * <li><b>Per piece</b> ({@link #overQuota}): each text processing admits counts its own
 * segments; when personalised bodies run longer than the estimate, the texts that no
 * longer fit end REJECTED {@code SENDING_LIMIT} and the rest of the campaign goes
 * on.</li>
 * </ul>
 */
@Component
class CampaignQuota {

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final SendingQuotas quotas;

	private final JsonMapper json;

	CampaignQuota(JdbcTemplate jdbc, SendingQuotas quotas, JsonMapper json) {
		this.jdbc = jdbc;
		this.quotas = quotas;
		this.json = json;
	}

	/**
	 * Why the campaign may not start: its estimated segments would pass the quota.
	 * @param campaign the campaign about to start
	 * @param now the current time
	 * @return the refusal, or empty
	 */
	Optional<Quota.Refusal> refusalAtStart(Campaign campaign, Instant now) {
		Optional<Quota> quota = this.quotas.peek(campaign.accountId(), now);
		if (quota.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc.query("""
				SELECT count(*), (SELECT attributes::text FROM audience_member
				    WHERE campaign_id = ? AND reject_code IS NULL ORDER BY phone_key LIMIT 1)
				FROM audience_member WHERE campaign_id = ? AND reject_code IS NULL
				""", (row, n) -> {
			long numbers = row.getLong(1);
			if (numbers == 0) {
				return Optional.<Quota.Refusal>empty();
			}
			String body = Template.compile(campaign.definition().body())
				.render(this.json.readValue(row.getString(2), ATTRIBUTES));
			long estimate = numbers * SmsSegments.count(body);
			return quota.get()
				.refusal(estimate)
				.map((refusal) -> new Quota.Refusal("the campaign needs about " + estimate + " segments (" + numbers
						+ " numbers); " + refusal.detail(), refusal.resetsAt()));
		}, campaign.id(), campaign.id()).get(0);
	}

	/**
	 * Counts the texts of a piece that fit the quota, in order, and answers those that do
	 * not; locks the account's usage until the piece's transaction ends.
	 * @param <T> the text
	 * @param account the account's id
	 * @param texts the piece's texts that would be sent
	 * @param segments a text's segments
	 * @param now the current time
	 * @return the texts over the quota with the refusal, or empty when all fit
	 */
	<T> Optional<Over<T>> overQuota(String account, List<T> texts, ToIntFunction<T> segments, Instant now) {
		if (texts.isEmpty()) {
			return Optional.empty();
		}
		Optional<Quota> quota = this.quotas.lock(account, now);
		if (quota.isEmpty()) {
			return Optional.empty();
		}
		long left = quota.get().remaining();
		long used = 0;
		int fitting = 0;
		while (fitting < texts.size() && used + segments.applyAsInt(texts.get(fitting)) <= left) {
			used += segments.applyAsInt(texts.get(fitting));
			fitting++;
		}
		this.quotas.use(account, used, now);
		if (fitting == texts.size()) {
			return Optional.empty();
		}
		List<T> over = texts.subList(fitting, texts.size());
		long wanted = over.stream().mapToLong(segments::applyAsInt).sum();
		Quota.Refusal refusal = quota.get().plus(used).refusal(wanted).orElseThrow();
		return Optional.of(new Over<>(over, refusal));
	}

	/**
	 * Texts of a piece over the quota.
	 *
	 * @param <T> the text
	 * @param texts the texts that do not fit, in order
	 * @param refusal why
	 */
	record Over<T>(List<T> texts, Quota.Refusal refusal) {
	}

}
