package dev.smspipeline.platform.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccountIdTests {

	@Test
	void acceptsLowercaseIdsWithDashesAndUnderscores() {
		assertThat(new AccountId("acme-corp_2")).hasToString("acme-corp_2");
	}

	@Test
	void refusesIdsThatCouldNotBeAKafkaKeyPrefix() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AccountId("acme:eu"));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccountId("ACME"));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccountId(""));
	}

}
