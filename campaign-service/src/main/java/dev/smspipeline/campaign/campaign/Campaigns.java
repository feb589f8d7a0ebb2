package dev.smspipeline.campaign.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smspipeline.campaign.audience.Audiences;
import dev.smspipeline.campaign.audience.Recipient;
import dev.smspipeline.campaign.audience.StagedUpload;
import dev.smspipeline.campaign.audience.UploadReport;
import dev.smspipeline.campaign.audience.UploadSlots;
import dev.smspipeline.campaign.audience.UploadSpool;
import dev.smspipeline.events.CampaignStatus;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.JsonMergePatch;
import dev.smspipeline.platform.problem.Problems;

/**
 * What the campaign API does, each call in one database transaction that holds the
 * campaign's row lock where it changes the campaign (a CSV upload first spools and stages
 * its rows outside any transaction, see {@link #upload}). Another account's campaign is
 * not found.
 */
@Service
class Campaigns {

	private final CampaignStore store;

	private final CampaignTexts texts;

	private final JdbcTemplate jdbc;

	private final CampaignRequests requests;

	private final Audiences audiences;

	private final Lifecycle lifecycle;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final CampaignSettings settings;

	private final Clock clock;

	private final UploadSlots uploadSlots;

	private final UploadSpool spool;

	Campaigns(CampaignStore store, CampaignTexts texts, JdbcTemplate jdbc, CampaignRequests requests,
			Audiences audiences, Lifecycle lifecycle, TransactionTemplate transactions, JsonMapper json,
			CampaignSettings settings, Clock clock, UploadSlots uploadSlots, UploadSpool spool) {
		this.uploadSlots = uploadSlots;
		this.spool = spool;
		this.store = store;
		this.texts = texts;
		this.jdbc = jdbc;
		this.requests = requests;
		this.audiences = audiences;
		this.lifecycle = lifecycle;
		this.transactions = transactions;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	CampaignView create(AccountId account, CampaignRequest request) {
		List<Recipient> recipients = (request.recipients() != null) ? request.recipients() : List.of();
		Campaign.Definition definition = this.requests.definition(account, request, recipients);
		UUID id = UUID.randomUUID();
		return inTransaction(() -> {
			this.store.insert(id, account.value(), definition, now());
			this.audiences.addInline(id, recipients);
			Campaign campaign = this.store.lock(account.value(), id).orElseThrow();
			this.lifecycle.created(campaign);
			return view(campaign);
		});
	}

	CampaignView patch(AccountId account, String id, JsonNode patch) {
		if (!(patch instanceof ObjectNode changes)) {
			throw Problems.invalid("body", "must be a JSON object of the fields to change");
		}
		return inTransaction(() -> {
			Campaign campaign = lockDraft(account, id, "edited");
			ObjectNode merged = current(campaign.definition());
			JsonMergePatch.merge(merged, changes, Set.of("recipients"));
			CampaignRequest request = read(merged, CampaignRequest.class, "");
			List<Recipient> recipients = null;
			if (changes.has("recipients")) {
				JsonNode node = changes.get("recipients");
				recipients = node.isNull() ? List.of() : Arrays.asList(read(node, Recipient[].class, "recipients"));
			}
			Campaign.Definition definition = this.requests.definition(account, request, recipients);
			this.store.update(campaign.id(), definition, now());
			if (recipients != null) {
				this.audiences.clear(campaign.id());
				this.audiences.addInline(campaign.id(), recipients);
			}
			return view(this.store.lock(account.value(), campaign.id()).orElseThrow());
		});
	}

	CampaignView duplicate(AccountId account, String id) {
		return inTransaction(() -> {
			Campaign original = this.store.find(account.value(), parse(id))
				.orElseThrow(() -> Problems.notFound("campaign", id));
			UUID copyId = UUID.randomUUID();
			Campaign.Definition definition = original.definition();
			this.store.insert(copyId, account.value(),
					new Campaign.Definition(definition.name() + " (copy)", definition.body(), definition.sender(),
							definition.sendAt(), definition.sendAtLocalTime(), definition.quietHours(),
							definition.validity(), definition.smartSendingWindow(), definition.segments()),
					now());
			this.audiences.copy(original.id(), copyId);
			Campaign copy = this.store.lock(account.value(), copyId).orElseThrow();
			this.lifecycle.created(copy);
			return view(copy);
		});
	}

	CampaignView activate(AccountId account, String id) {
		return inTransaction(() -> {
			Campaign campaign = lockDraft(account, id, "activated");
			if (campaign.audienceSize() == 0) {
				throw Problems.conflict("Campaign " + id + " has no recipients; add some before activating it.");
			}
			Instant now = now();
			Instant sendAt = campaign.definition().sendAt();
			Instant startAt = (sendAt != null && sendAt.isAfter(now)) ? sendAt : now;
			this.lifecycle.transition(campaign, CampaignStatus.SCHEDULED, null, Map.of());
			updateStart(campaign.id(), startAt);
			return view(this.store.lock(account.value(), campaign.id()).orElseThrow());
		});
	}

	CampaignView cancel(AccountId account, String id) {
		return inTransaction(() -> {
			Campaign campaign = this.store.lock(account.value(), parse(id))
				.orElseThrow(() -> Problems.notFound("campaign", id));
			switch (campaign.status()) {
				case SCHEDULED -> {
					this.lifecycle.transition(campaign, CampaignStatus.DRAFT, "CANCELED_BEFORE_START", Map.of());
					updateStart(campaign.id(), null);
				}
				case PROCESSING, SENDING -> {
					this.lifecycle.transition(campaign, CampaignStatus.CANCELED, "CANCELED_BY_USER", null);
					markCancelPending(campaign.id());
				}
				default -> throw Problems
					.conflict("Campaign " + id + " is " + campaign.status() + "; " + switch (campaign.status()) {
						case DRAFT -> "a DRAFT is not running, there is nothing to cancel.";
						case SENT, DONE -> "every text was already handed to the carrier pipeline.";
						default -> "it has already ended.";
					});
			}
			return view(this.store.lock(account.value(), campaign.id()).orElseThrow());
		});
	}

	CampaignView get(AccountId account, String id) {
		Campaign campaign = this.store.find(account.value(), parse(id))
			.orElseThrow(() -> Problems.notFound("campaign", id));
		return view(campaign);
	}

	CampaignPage page(AccountId account, String status, String cursor, String limit) {
		CampaignStatus wanted = null;
		if (status != null && !status.isBlank()) {
			try {
				wanted = CampaignStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				wanted = null;
			}
			if (wanted == null || wanted == CampaignStatus.UNKNOWN) {
				throw Problems.invalid("status",
						"is not one of DRAFT, SCHEDULED, PROCESSING, SENDING, SENT, DONE, " + "FAILED, CANCELED");
			}
		}
		int size = this.settings.defaultPageSize();
		if (limit != null && !limit.isBlank()) {
			try {
				size = Integer.parseInt(limit.trim());
			}
			catch (NumberFormatException ex) {
				size = -1;
			}
			if (size < 1 || size > this.settings.maxPageSize()) {
				throw Problems.invalid("limit", "must be a number from 1 to " + this.settings.maxPageSize());
			}
		}
		Instant afterCreatedAt = null;
		UUID afterId = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8)
					.split("\\|", 2);
				afterCreatedAt = Instant.parse(parts[0]);
				afterId = UUID.fromString(parts[1]);
			}
			catch (RuntimeException ex) {
				throw Problems.invalid("cursor", "is not a cursor this API gave out");
			}
		}
		List<Campaign> campaigns = this.store.page(account.value(), wanted, afterCreatedAt, afterId, size + 1);
		String next = null;
		if (campaigns.size() > size) {
			campaigns = campaigns.subList(0, size);
			Campaign last = campaigns.get(size - 1);
			next = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((last.timeline().createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
		}
		return new CampaignPage(campaigns.stream().map(CampaignSummary::of).toList(), next);
	}

	/**
	 * Adds a CSV audience to a DRAFT without holding a database connection or the
	 * campaign's lock while the client sends, and with the guarantees of one transaction:
	 * <ol>
	 * <li>one of the account's upload slots is taken before the body is read (429 when
	 * none is free);</li>
	 * <li>the body is spooled to a file (413 over the size limit), no connection taken;
	 * </li>
	 * <li>the campaign must exist for the account and be a DRAFT (404, 409), read without
	 * a lock, so that a hopeless upload stages nothing;</li>
	 * <li>the file is read and staged in short statements of one batch each (400 for an
	 * unusable header);</li>
	 * <li>one transaction locks the campaign, checks again that it is a DRAFT (409
	 * otherwise, nothing added) and moves the staged rows into its audience.</li>
	 * </ol>
	 * Only a DRAFT takes an audience, and the whole upload or none of it: the check and
	 * the change are in the one transaction holding the row lock, so an activation, an
	 * edit or another upload of the campaign happens wholly before or wholly after it, as
	 * when the upload was one transaction. The staged rows, the spooled file and the slot
	 * are released whatever the outcome.
	 */
	UploadReport upload(AccountId account, String id, InputStream body) {
		try (UploadSlots.Slot slot = this.uploadSlots.take(account);
				UploadSpool.Spooled spooled = this.spool.copy(body)) {
			Campaign draft = this.store.find(account.value(), parse(id))
				.orElseThrow(() -> Problems.notFound("campaign", id));
			requireDraft(draft, id, "given an audience");
			StagedUpload staged = null;
			try (InputStream csv = spooled.open()) {
				staged = this.audiences.stage(draft.id(), csv);
				StagedUpload upload = staged;
				return inTransaction(() -> {
					Campaign campaign = lockDraft(account, id, "given an audience");
					UploadReport report = this.audiences.merge(campaign.id(), upload);
					touch(campaign.id());
					return report;
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				this.audiences.discard(staged);
			}
		}
	}

	private Campaign lockDraft(AccountId account, String id, String what) {
		Campaign campaign = this.store.lock(account.value(), parse(id))
			.orElseThrow(() -> Problems.notFound("campaign", id));
		requireDraft(campaign, id, what);
		return campaign;
	}

	private static void requireDraft(Campaign campaign, String id, String what) {
		if (campaign.status() != CampaignStatus.DRAFT) {
			throw Problems.conflict("Campaign " + id + " is " + campaign.status() + "; only a DRAFT can be " + what
					+ ". POST /api/v1/campaigns/" + id + "/duplicate makes an editable copy.");
		}
	}

	private CampaignView view(Campaign campaign) {
		return CampaignView.of(campaign, this.texts.counts(campaign.id()));
	}

	private void updateStart(UUID id, Instant startAt) {
		this.jdbc.update("UPDATE campaign SET start_at = ?, processed_key = NULL WHERE id = ?",
				CampaignStore.timestamp(startAt), id);
	}

	private void markCancelPending(UUID id) {
		this.jdbc.update("UPDATE campaign SET cancel_pending = true WHERE id = ?", id);
	}

	private void touch(UUID id) {
		this.jdbc.update("UPDATE campaign SET updated_at = ? WHERE id = ?", CampaignStore.timestamp(now()), id);
	}

	private ObjectNode current(Campaign.Definition definition) {
		ObjectNode node = this.json.createObjectNode();
		node.put("name", definition.name());
		node.put("body", definition.body());
		if (definition.sender() != null) {
			node.put("sender", definition.sender());
		}
		if (definition.sendAt() != null) {
			node.put("sendAt", definition.sendAt().toString());
		}
		if (definition.sendAtLocalTime() != null) {
			node.put("sendAtLocalTime", CampaignRequests.TIME_OF_DAY.format(definition.sendAtLocalTime()));
		}
		ObjectNode quietHours = node.putObject("quietHours");
		quietHours.put("enabled", definition.quietHours().enabled());
		quietHours.put("start", CampaignRequests.TIME_OF_DAY.format(definition.quietHours().start()));
		quietHours.put("end", CampaignRequests.TIME_OF_DAY.format(definition.quietHours().end()));
		node.put("validity", definition.validity().toString());
		if (definition.smartSendingWindow() != null) {
			node.put("smartSendingWindow", definition.smartSendingWindow().toString());
		}
		return node;
	}

	private <T> T read(JsonNode node, Class<T> type, String prefix) {
		return JsonMergePatch.read(this.json, node, type, prefix);
	}

	private <T> T inTransaction(Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw Problems.notFound("campaign", id);
		}
	}

}
