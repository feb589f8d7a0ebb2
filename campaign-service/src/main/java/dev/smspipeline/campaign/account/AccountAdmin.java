package dev.smspipeline.campaign.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.platform.account.ApiKeyHash;
import dev.smspipeline.platform.account.SenderNumbers;
import dev.smspipeline.platform.problem.FieldError;
import dev.smspipeline.platform.problem.JsonMergePatch;
import dev.smspipeline.platform.problem.Problems;

/**
 * What operators do to accounts. Every change runs in one transaction that locks the
 * account, writes it with the next version and publishes its whole new state through the
 * outbox ({@link AccountStates}), so the stored and the published account never differ
 * and every service applies the changes in order.
 */
@Service
public class AccountAdmin {

	/** The configured key's id ({@code sms.accounts.bootstrap}). */
	static final String CONFIGURED_KEY = "bootstrap";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AccountStore store;

	private final AccountStates states;

	private final PhoneNumbers phones;

	private final SenderNumbers senderNumbers;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Validator validator;

	private final JsonMapper json;

	AccountAdmin(AccountStore store, AccountStates states, PhoneNumbers phones, SenderNumbers senderNumbers,
			TransactionTemplate transactions, Clock clock, Validator validator, JsonMapper json) {
		this.store = store;
		this.states = states;
		this.phones = phones;
		this.senderNumbers = senderNumbers;
		this.transactions = transactions;
		this.clock = clock;
		this.validator = validator;
		this.json = json;
	}

	AccountView create(AccountRequest request) {
		validate(request);
		Instant now = now();
		return inTransaction(() -> {
			AccountView account = definition(request, AccountView.ACTIVE, 1, now, now);
			refuseForeignSenders(account);
			if (!this.store.insert(account)) {
				throw Problems.conflict("Account '" + request.id() + "' exists already.");
			}
			this.store.replaceSenders(account.id(), account.senders());
			this.states.publish(account);
			return account;
		});
	}

	AccountView get(String id) {
		return this.store.find(id).orElseThrow(() -> Problems.notFound("account", id));
	}

	List<AccountView> list() {
		return this.store.list();
	}

	AccountView patch(String id, JsonNode patch) {
		if (!(patch instanceof ObjectNode changes)) {
			throw Problems.invalid("body", "must be a JSON object of the fields to change");
		}
		return inTransaction(() -> {
			AccountView current = lock(id);
			ObjectNode merged = this.json.valueToTree(request(current));
			JsonMergePatch.merge(merged, changes, Set.of());
			AccountRequest request = JsonMergePatch.read(this.json, merged, AccountRequest.class, "");
			if (!id.equals(request.id())) {
				throw Problems.unprocessable("id", "cannot change; create a new account instead");
			}
			validate(request);
			AccountView account = definition(request, current.status(), current.version() + 1, current.createdAt(),
					now());
			refuseForeignSenders(account);
			this.store.update(account);
			this.store.replaceSenders(id, account.senders());
			this.states.publish(account);
			return account;
		});
	}

	AccountView suspend(String id) {
		return changeStatus(id, AccountView.SUSPENDED);
	}

	AccountView resume(String id) {
		return changeStatus(id, AccountView.ACTIVE);
	}

	IssuedKey issueKey(String id, String name) {
		if (name != null && name.length() > 200) {
			throw Problems.invalid("name", "must be at most 200 characters");
		}
		String secret = "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
		String keyId = "key_" + HexFormat.of().formatHex(bytes(8));
		return inTransaction(() -> {
			AccountView account = lock(id);
			this.store.insertKey(id, keyId, ApiKeyHash.of(secret).hex(), name, now());
			changed(account.touched(now()));
			return new IssuedKey(keyId, secret);
		});
	}

	List<ApiKeyView> keys(String id) {
		get(id);
		return this.store.keys(id).stream().map(AccountStore.KeyRow::view).toList();
	}

	void revokeKey(String id, String keyId) {
		inTransaction(() -> {
			AccountView account = lock(id);
			if (!this.store.revokeKey(id, keyId, now())) {
				throw Problems.notFound("API key", keyId);
			}
			changed(account.touched(now()));
			return null;
		});
	}

	/**
	 * Makes sure a configured account exists with its configured key and is published:
	 * creates it, or gives its configured key the configured hash; a configured key an
	 * operator revoked stays revoked while the configuration names the same key.
	 * Publishes the account's state even when nothing changed, so a topic that lost it
	 * gets it back.
	 * @param id the account
	 * @param hash its configured key's hash
	 */
	void configure(String id, ApiKeyHash hash) {
		inTransaction(() -> {
			Instant now = now();
			Optional<AccountView> existing = this.store.lock(id);
			if (existing.isEmpty()) {
				AccountView account = new AccountView(id, id, AccountView.ACTIVE, List.of(), null, null, null, false,
						List.of(), null, 1, now, now);
				this.store.insert(account);
				this.store.insertKey(id, CONFIGURED_KEY, hash.hex(), "configured at start-up", now);
				this.states.publish(account);
				return null;
			}
			AccountView account = existing.get();
			Optional<AccountStore.KeyRow> key = this.store.key(id, CONFIGURED_KEY);
			if (key.isEmpty()) {
				this.store.insertKey(id, CONFIGURED_KEY, hash.hex(), "configured at start-up", now);
				changed(account.touched(now));
			}
			else if (!key.get().sha256().equals(hash.hex())) {
				this.store.replaceKeyHash(id, CONFIGURED_KEY, hash.hex());
				changed(account.touched(now));
			}
			else {
				this.states.publish(account);
			}
			return null;
		});
	}

	private AccountView changeStatus(String id, String status) {
		return inTransaction(() -> {
			AccountView account = lock(id);
			if (account.status().equals(status)) {
				return account;
			}
			AccountView changed = account.withStatus(status, now());
			changed(changed);
			return changed;
		});
	}

	private void changed(AccountView account) {
		this.store.update(account);
		this.states.publish(account);
	}

	private AccountView lock(String id) {
		return this.store.lock(id).orElseThrow(() -> Problems.notFound("account", id));
	}

	/** The account a request describes, its numbers in canonical form. */
	private AccountView definition(AccountRequest request, String status, long version, Instant createdAt,
			Instant now) {
		List<FieldError> errors = new ArrayList<>();
		List<Sender> senders = new ArrayList<>();
		Set<String> numbers = new LinkedHashSet<>();
		List<AccountRequest.SenderRequest> requested = (request.senders() != null) ? request.senders() : List.of();
		for (int i = 0; i < requested.size(); i++) {
			AccountRequest.SenderRequest sender = requested.get(i);
			Optional<String> number = this.senderNumbers.canonical(sender.kind().published(), sender.number());
			if (number.isEmpty()) {
				errors.add(
						new FieldError("senders[" + i + "].number", SenderNumbers.expected(sender.kind().published())));
			}
			else if (!numbers.add(number.get())) {
				errors.add(new FieldError("senders[" + i + "].number", "is listed twice"));
			}
			else {
				senders.add(new Sender(number.get(), sender.kind(), (sender.segmentsPerSecond() != null)
						? sender.segmentsPerSecond() : sender.kind().defaultSegmentsPerSecond()));
			}
		}
		String defaultSender = null;
		if (request.defaultSender() != null) {
			defaultSender = this.senderNumbers.anyKind(request.defaultSender()).filter(numbers::contains).orElse(null);
			if (defaultSender == null) {
				errors.add(new FieldError("defaultSender", "must be one of the account's senders"));
			}
		}
		else if (senders.size() == 1) {
			defaultSender = senders.get(0).number();
		}
		List<String> verified = new ArrayList<>();
		List<String> requestedVerified = (request.verifiedNumbers() != null) ? request.verifiedNumbers() : List.of();
		for (int i = 0; i < requestedVerified.size(); i++) {
			Optional<String> number = this.phones.e164(requestedVerified.get(i));
			if (number.isEmpty()) {
				errors.add(new FieldError("verifiedNumbers[" + i + "]", "must be a valid phone number"));
			}
			else if (!verified.contains(number.get())) {
				verified.add(number.get());
			}
		}
		if (!errors.isEmpty()) {
			throw Problems.invalid(errors);
		}
		String helpText = HelpTexts.normalized(request.helpText());
		if (helpText != null && !HelpTexts.fits(helpText)) {
			throw Problems.unprocessable("helpText", HelpTexts.TOO_LONG);
		}
		String name = (request.name() != null && !request.name().isBlank()) ? request.name().strip() : request.id();
		return new AccountView(request.id(), name, status, List.copyOf(senders), defaultSender, request.dailyLimit(),
				request.monthlyLimit(), Boolean.TRUE.equals(request.trial()), List.copyOf(verified), helpText, version,
				createdAt, now);
	}

	private void refuseForeignSenders(AccountView account) {
		List<String> numbers = account.senders().stream().map(Sender::number).toList();
		Map<String, String> foreign = this.store.ownedByOthers(account.id(), numbers);
		for (int i = 0; i < numbers.size(); i++) {
			if (foreign.containsKey(numbers.get(i))) {
				throw Problems.unprocessable("senders[" + i + "].number", "belongs to another account");
			}
		}
	}

	private static AccountRequest request(AccountView account) {
		return new AccountRequest(account.id(), account.name(),
				account.senders()
					.stream()
					.map((sender) -> new AccountRequest.SenderRequest(sender.number(), sender.kind(),
							sender.segmentsPerSecond()))
					.toList(),
				account.defaultSender(), account.dailyLimit(), account.monthlyLimit(), account.trial(),
				account.verifiedNumbers(), account.helpText());
	}

	private void validate(AccountRequest request) {
		Set<ConstraintViolation<AccountRequest>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			throw Problems.invalid(violations.stream()
				.map((violation) -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
				.sorted(java.util.Comparator.comparing(FieldError::field))
				.toList());
		}
	}

	private <T> T inTransaction(Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
