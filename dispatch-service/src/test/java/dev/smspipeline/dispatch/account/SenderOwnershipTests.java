package dev.smspipeline.dispatch.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.account.SenderOwnership.Verdict;
import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.AccountStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.RequestSource;
import dev.smspipeline.events.SenderEntry;
import dev.smspipeline.events.SenderKind;
import dev.smspipeline.platform.account.AccountDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SenderOwnershipTests {

	private static final String SHARED = "+15005550006";

	private final AccountDirectory accounts = new AccountDirectory();

	private final SenderOwnership ownership = new SenderOwnership(this.accounts,
			new SenderSettings(Set.of(SHARED), "US"));

	@Test
	void allowsTheAccountsOwnSender() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "+14155550123"));

		assertThat(this.ownership.check(text("acme", "+14155550123"))).isEqualTo(new Verdict.Allowed("+14155550123"));
	}

	@Test
	void allowsTheAccountsOwnSenderInAnotherSpellingAsItsCanonicalForm() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "+14155550123"));

		assertThat(this.ownership.check(text("acme", "(415) 555-0123"))).isEqualTo(new Verdict.Allowed("+14155550123"));
	}

	@Test
	void allowsTheAccountsOwnShortCodeWrittenWithSeparators() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "123456"));

		assertThat(this.ownership.check(text("acme", "123-456"))).isEqualTo(new Verdict.Allowed("123456"));
	}

	@Test
	void refusesAnotherAccountsSender() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "+14155550123"));
		this.accounts.apply(account("globex", AccountStatus.ACTIVE, "+14155550999"));

		assertThat(this.ownership.check(text("acme", "+14155550999"))).isInstanceOfSatisfying(Verdict.Refused.class,
				(refused) -> assertThat(refused.reasonCode()).isEqualTo(SenderOwnership.SENDER_NOT_OWNED));
	}

	@Test
	void refusesANumberNoAccountOwnsAndNoneShares() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "+14155550123"));

		assertThat(reason(text("acme", "+14155550777"))).isEqualTo(SenderOwnership.SENDER_NOT_OWNED);
	}

	@Test
	void refusesWhatIsNoNumber() {
		assertThat(reason(text("acme", "ACME Inc"))).isEqualTo(SenderOwnership.SENDER_NOT_OWNED);
	}

	@Test
	void allowsASharedNumberToAnyAccountEvenOneTheTopicDoesNotKnow() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "+14155550123"));

		assertThat(this.ownership.check(text("acme", SHARED))).isEqualTo(new Verdict.Allowed(SHARED));
		assertThat(this.ownership.check(text("unknown", "+1 500 555 0006"))).isEqualTo(new Verdict.Allowed(SHARED));
	}

	@Test
	void keepsASharedNumberThatAnAccountOwnsToThatAccount() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, SHARED));

		assertThat(this.ownership.check(text("acme", SHARED))).isEqualTo(new Verdict.Allowed(SHARED));
		assertThat(reason(text("globex", SHARED))).isEqualTo(SenderOwnership.SENDER_NOT_OWNED);
	}

	@Test
	void refusesEveryTextOfASuspendedAccount() {
		this.accounts.apply(account("acme", AccountStatus.SUSPENDED, "+14155550123"));

		assertThat(reason(text("acme", "+14155550123"))).isEqualTo(SenderOwnership.ACCOUNT_SUSPENDED);
		assertThat(reason(text("acme", SHARED))).isEqualTo(SenderOwnership.ACCOUNT_SUSPENDED);
	}

	@Test
	void sendsATextThatNamesNoSenderFromItsAccountsDefault() {
		this.accounts.apply(account("acme", AccountStatus.ACTIVE, "+14155550123"));

		assertThat(this.ownership.check(text("acme", null))).isEqualTo(new Verdict.Allowed("+14155550123"));
	}

	@Test
	void refusesATextThatNamesNoSenderWhenItsAccountHasNoDefault() {
		assertThat(reason(text("acme", null))).isEqualTo(SenderOwnership.SENDER_NOT_OWNED);
	}

	@Test
	void refusesATextOfAnAccountIdNoAccountCanHave() {
		assertThat(reason(text("Not An Id", SHARED))).isEqualTo(SenderOwnership.SENDER_NOT_OWNED);
	}

	@Test
	void refusesToStartWithASharedNumberThatIsNoNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SenderOwnership(this.accounts, new SenderSettings(Set.of("nobody"), "US")))
			.withMessageContaining("sms.senders.shared");
	}

	private String reason(MessageRequested text) {
		Verdict verdict = this.ownership.check(text);
		assertThat(verdict).isInstanceOf(Verdict.Refused.class);
		return ((Verdict.Refused) verdict).reasonCode();
	}

	private static MessageRequested text(String account, String sender) {
		return MessageRequested.newBuilder()
			.setMessageId("m1")
			.setAccountId(account)
			.setRecipient("+14155550100")
			.setSender(sender)
			.setBody("Hello")
			.setRequestedAt(Instant.EPOCH)
			.setSource(RequestSource.REST_API)
			.build();
	}

	private static AccountState account(String id, AccountStatus status, String... senders) {
		return AccountState.newBuilder()
			.setAccountId(id)
			.setName(id)
			.setStatus(status)
			.setApiKeys(List.of())
			.setSenders(Arrays.stream(senders)
				.map((number) -> SenderEntry.newBuilder()
					.setNumber(number)
					.setKind(SenderKind.LONG_CODE)
					.setSegmentsPerSecond(1)
					.build())
				.toList())
			.setDefaultSender(senders[0])
			.setVersion(1)
			.setUpdatedAt(Instant.EPOCH)
			.build();
	}

}
