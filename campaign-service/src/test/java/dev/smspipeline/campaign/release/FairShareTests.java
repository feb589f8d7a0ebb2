package dev.smspipeline.campaign.release;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.smspipeline.campaign.campaign.CampaignTexts.Running;

import static org.assertj.core.api.Assertions.assertThat;

class FairShareTests {

	private final Running acmeSale = new Running(UUID.randomUUID(), "acme");

	private final Running acmeNews = new Running(UUID.randomUUID(), "acme");

	private final Running globexSale = new Running(UUID.randomUUID(), "globex");

	@Test
	void splitsEquallyBetweenAccountsBeforeCampaigns() {
		Map<UUID, Integer> shares = FairShare.split(List.of(this.acmeSale, this.acmeNews, this.globexSale), 100, 0);

		assertThat(shares).containsEntry(this.globexSale.id(), 50)
			.containsEntry(this.acmeSale.id(), 25)
			.containsEntry(this.acmeNews.id(), 25);
	}

	@Test
	void givesEveryPermitAway() {
		Map<UUID, Integer> shares = FairShare.split(List.of(this.acmeSale, this.acmeNews, this.globexSale), 7, 0);

		assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
	}

	@Test
	void rotatesTheRemainderBetweenRounds() {
		List<Running> campaigns = List.of(this.acmeSale, this.globexSale);

		assertThat(FairShare.split(campaigns, 1, 0)).containsEntry(this.acmeSale.id(), 1)
			.containsEntry(this.globexSale.id(), 0);
		assertThat(FairShare.split(campaigns, 1, 1)).containsEntry(this.acmeSale.id(), 0)
			.containsEntry(this.globexSale.id(), 1);
	}

}
