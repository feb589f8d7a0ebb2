package dev.smspipeline.campaign.audience;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import dev.smspipeline.campaign.recipient.PhoneNumberCheck;
import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.campaign.recipient.TimeZones;
import dev.smspipeline.platform.problem.FieldError;
import dev.smspipeline.platform.problem.Problems;

/**
 * Writes audiences. Every method that changes an audience runs in the caller's
 * transaction, which holds the campaign's row lock and has checked that it is a DRAFT;
 * the campaign's {@code audience_size} and {@code duplicates} move with the rows. A CSV
 * upload is first {@linkplain #stage staged} outside any transaction (the campaign not
 * locked), then {@linkplain #merge merged} in one such transaction, and always
 * {@linkplain #discard discarded}.
 *
 * <p>
 * A number that libphonenumber reads is kept under its E.164 form, so {@code (415)
 * 555-0100} and {@code +14155550100} are one recipient, the first one kept. A number that
 * may not be texted (invalid, or outside the allowed countries) is kept too, with its
 * reason: it ends REJECTED when the campaign runs, counted, never sent.
 */
@Service
public class Audiences {

	/** Why a value holding NUL (U+0000), which PostgreSQL cannot store, is refused. */
	public static final String NUL_REASON = "must not contain the NUL character (U+0000)";

	private static final String INSERT = """
			INSERT INTO audience_member (campaign_id, phone_key, phone, e164, reject_code, reject_reason, time_zones,
			    attributes, source_line)
			SELECT ?, k, p, e, rc, rr, tz, a::jsonb, l
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
			    AS t (k, p, e, rc, rr, tz, a, l)
			ON CONFLICT DO NOTHING
			""";

	private static final String STAGE = """
			INSERT INTO audience_upload_row (upload_id, phone_key, phone, e164, reject_code, reject_reason, time_zones,
			    attributes, source_line)
			SELECT ?, k, p, e, rc, rr, tz, a::jsonb, l
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
			    AS t (k, p, e, rc, rr, tz, a, l)
			""";

	private static final String MERGE = """
			INSERT INTO audience_member (campaign_id, phone_key, phone, e164, reject_code, reject_reason, time_zones,
			    attributes, source_line)
			SELECT ?, phone_key, phone, e164, reject_code, reject_reason, time_zones, attributes, source_line
			FROM audience_upload_row WHERE upload_id = ? ORDER BY source_line
			ON CONFLICT DO NOTHING
			""";

	/** How old an upload's staged rows must be to be taken for abandoned. */
	static final String ABANDONED_AFTER = "1 day";

	private final JdbcTemplate jdbc;

	private final PhoneNumbers phoneNumbers;

	private final TimeZones timeZones;

	private final JsonMapper json;

	private final AudienceSettings settings;

	Audiences(JdbcTemplate jdbc, PhoneNumbers phoneNumbers, TimeZones timeZones, JsonMapper json,
			AudienceSettings settings) {
		this.jdbc = jdbc;
		this.phoneNumbers = phoneNumbers;
		this.timeZones = timeZones;
		this.json = json;
		this.settings = settings;
	}

	/**
	 * Checks inline recipients before anything is written.
	 * @param recipients the request's {@code recipients}
	 * @return the field errors, empty when all are usable
	 */
	public List<FieldError> validate(List<Recipient> recipients) {
		List<FieldError> errors = new ArrayList<>();
		if (recipients.size() > this.settings.maxInlineRecipients()) {
			errors.add(new FieldError("recipients", "has " + recipients.size() + " entries; at most "
					+ this.settings.maxInlineRecipients() + " inline, upload larger audiences as CSV"));
			return errors;
		}
		for (int i = 0; i < recipients.size(); i++) {
			Recipient recipient = recipients.get(i);
			if (recipient == null || recipient.phone() == null || recipient.phone().isBlank()) {
				errors.add(new FieldError("recipients[" + i + "].phone", "is required"));
			}
			else if (recipient.timezone() != null && TimeZones.parse(recipient.timezone()).isEmpty()) {
				errors.add(new FieldError("recipients[" + i + "].timezone",
						"is not an IANA time zone such as America/Chicago"));
			}
			else if (hasNul(recipient)) {
				errors.add(new FieldError("recipients[" + i + "]", NUL_REASON));
			}
		}
		return errors;
	}

	/**
	 * Adds inline recipients, already {@linkplain #validate validated}.
	 * @param campaignId the campaign
	 * @param recipients the recipients
	 * @return how many were added (duplicates collapse)
	 */
	public long addInline(UUID campaignId, List<Recipient> recipients) {
		Batch batch = new Batch(INSERT, campaignId, this.settings.batchSize());
		for (int i = 0; i < recipients.size(); i++) {
			Recipient recipient = recipients.get(i);
			batch.add(member(recipient.phone(), recipient.timezone(),
					(recipient.attributes() != null) ? recipient.attributes() : Map.of(), null));
		}
		batch.flush();
		grow(campaignId, batch.added, batch.offered - batch.added);
		return batch.added;
	}

	/**
	 * Reads a CSV audience and stages its rows, outside any transaction and without
	 * touching the campaign: a header row naming the columns ({@code phone} required,
	 * {@code timezone} optional, every other column an attribute), then one recipient per
	 * row. Each batch of {@code batch-size} rows is one short statement of its own, so no
	 * connection is held between batches and none while the CSV is read. Nothing reaches
	 * the audience until {@link #merge}; the caller must {@link #discard} the staged rows
	 * whatever happens.
	 * @param campaignId the campaign the upload is for
	 * @param body the CSV, read to its end
	 * @return the staged upload: its id and what was read
	 * @throws org.springframework.web.ErrorResponseException 400 when the header is
	 * missing or unusable (nothing is staged then)
	 */
	public StagedUpload stage(UUID campaignId, InputStream body) {
		try {
			CsvReader csv = new CsvReader(
					new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16),
					this.settings.maxRowLength());
			CsvReader.CsvRecord header = csv.next();
			if (header == null) {
				throw Problems.invalid("body",
						"is empty; the first line names the columns, e.g. phone,timezone,firstName");
			}
			if (header.error() != null) {
				throw Problems.invalid("line 1", header.error());
			}
			if (header.fields().stream().anyMatch(Audiences::hasNul)) {
				throw Problems.invalid("line 1", NUL_REASON);
			}
			Columns columns = Columns.of(header.fields());
			UUID uploadId = UUID.randomUUID();
			this.jdbc.update("INSERT INTO audience_upload (id, campaign_id) VALUES (?, ?)", uploadId, campaignId);
			try {
				Batch batch = new Batch(STAGE, uploadId, this.settings.batchSize());
				List<UploadReport.RowError> errors = new ArrayList<>();
				long rows = 0;
				long broken = 0;
				long invalid = 0;
				CsvReader.CsvRecord record;
				while ((record = csv.next()) != null) {
					rows++;
					String error = record.error();
					if (error == null && record.fields().size() != columns.count()) {
						error = "has " + record.fields().size() + " fields; the header has " + columns.count();
					}
					if (error == null && record.fields().stream().anyMatch(Audiences::hasNul)) {
						error = NUL_REASON;
					}
					Member member = null;
					if (error == null) {
						String phone = record.fields().get(columns.phone()).trim();
						String zone = (columns.timezone() >= 0) ? record.fields().get(columns.timezone()).trim() : "";
						if (phone.isEmpty()) {
							error = "phone is empty";
						}
						else if (!zone.isEmpty() && TimeZones.parse(zone).isEmpty()) {
							error = "timezone '" + zone + "' is not an IANA time zone such as America/Chicago";
						}
						else {
							member = member(phone, zone, columns.attributes(record.fields()), record.line());
						}
					}
					if (error != null) {
						broken++;
						if (errors.size() < this.settings.maxReportedErrors()) {
							errors.add(new UploadReport.RowError(record.line(), error));
						}
						continue;
					}
					if (member.rejectCode() != null) {
						invalid++;
					}
					batch.add(member);
				}
				batch.flush();
				return new StagedUpload(uploadId, rows, batch.offered, invalid, broken, List.copyOf(errors),
						broken > errors.size());
			}
			catch (IOException | RuntimeException ex) {
				discard(uploadId);
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Moves a staged upload into the campaign's audience in one statement, in the order
	 * of the file, so that of two rows with one number the first is kept, as when rows
	 * are written directly. Runs in the caller's transaction, which holds the campaign's
	 * row lock and has checked that it is a DRAFT: the whole upload enters the audience
	 * or none of it, and two uploads to one campaign enter one after the other, each
	 * counting its own duplicates.
	 * @param campaignId the campaign, locked
	 * @param staged what {@link #stage} staged
	 * @return the answer to the upload
	 */
	public UploadReport merge(UUID campaignId, StagedUpload staged) {
		long added = this.jdbc.update(MERGE, campaignId, staged.id());
		long duplicates = staged.members() - added;
		long size = grow(campaignId, added, duplicates);
		return new UploadReport(staged.rows(), added, duplicates, staged.invalidNumbers(), staged.brokenRows(),
				staged.errors(), staged.errorsTruncated(), size);
	}

	/**
	 * Deletes a staged upload's rows, merged or not, and those of any upload abandoned
	 * more than {@link #ABANDONED_AFTER} ago (its instance stopped mid-way). Each is a
	 * statement of its own, outside any transaction.
	 * @param staged the upload, or {@code null} when nothing was staged
	 */
	public void discard(StagedUpload staged) {
		if (staged != null) {
			discard(staged.id());
		}
		this.jdbc.update("""
				WITH abandoned AS (
				    DELETE FROM audience_upload WHERE started_at < now() - ?::interval RETURNING id
				)
				DELETE FROM audience_upload_row WHERE upload_id IN (SELECT id FROM abandoned)
				""", ABANDONED_AFTER);
	}

	/**
	 * Copies one campaign's audience to another (a duplicate).
	 * @param from the original
	 * @param to the copy, with an empty audience
	 */
	public void copy(UUID from, UUID to) {
		this.jdbc.update("""
				INSERT INTO audience_member (campaign_id, phone_key, phone, e164, reject_code, reject_reason,
				    time_zones, attributes, source_line)
				SELECT ?, phone_key, phone, e164, reject_code, reject_reason, time_zones, attributes, source_line
				FROM audience_member WHERE campaign_id = ?
				""", to, from);
		this.jdbc.update("""
				UPDATE campaign SET audience_size = (SELECT count(*) FROM audience_member WHERE campaign_id = ?),
				    duplicates = (SELECT duplicates FROM campaign WHERE id = ?)
				WHERE id = ?
				""", to, from, to);
	}

	/**
	 * Empties a campaign's audience (its inline recipients are being replaced).
	 * @param campaignId the campaign
	 */
	public void clear(UUID campaignId) {
		this.jdbc.update("DELETE FROM audience_member WHERE campaign_id = ?", campaignId);
		this.jdbc.update("UPDATE campaign SET audience_size = 0, duplicates = 0 WHERE id = ?", campaignId);
	}

	private void discard(UUID uploadId) {
		this.jdbc.update("DELETE FROM audience_upload_row WHERE upload_id = ?", uploadId);
		this.jdbc.update("DELETE FROM audience_upload WHERE id = ?", uploadId);
	}

	/** PostgreSQL stores no NUL in text or jsonb, so a value holding one is refused. */
	private static boolean hasNul(String value) {
		return value != null && value.indexOf('\0') >= 0;
	}

	private static boolean hasNul(Recipient recipient) {
		if (hasNul(recipient.phone()) || hasNul(recipient.timezone())) {
			return true;
		}
		if (recipient.attributes() != null) {
			for (Map.Entry<String, String> attribute : recipient.attributes().entrySet()) {
				if (hasNul(attribute.getKey()) || hasNul(attribute.getValue())) {
					return true;
				}
			}
		}
		return false;
	}

	private long grow(UUID campaignId, long added, long duplicates) {
		Long size = this.jdbc.queryForObject("""
				UPDATE campaign SET audience_size = audience_size + ?, duplicates = duplicates + ?
				WHERE id = ? RETURNING audience_size
				""", Long.class, added, duplicates, campaignId);
		return (size != null) ? size : 0;
	}

	private Member member(String phone, String timezone, Map<String, String> attributes, Long line) {
		String attributesJson = this.json.writeValueAsString(attributes);
		PhoneNumberCheck check = this.phoneNumbers.check(phone);
		if (check instanceof PhoneNumberCheck.Rejected rejected) {
			return new Member(phone.trim(), phone, null, rejected.reasonCode(), rejected.reason(), null, attributesJson,
					line);
		}
		String e164 = ((PhoneNumberCheck.Accepted) check).e164();
		Optional<ZoneId> given = TimeZones.parse(timezone);
		List<ZoneId> zones = given.map(List::of).orElseGet(() -> this.timeZones.of(e164));
		return new Member(e164, phone, e164, null, null,
				zones.stream().map(ZoneId::getId).collect(Collectors.joining(",")), attributesJson, line);
	}

	private record Member(String key, String phone, String e164, String rejectCode, String rejectReason,
			String timeZones, String attributes, Long line) {
	}

	/** The CSV header: where the phone and time zone are, and the attribute names. */
	private record Columns(int count, int phone, int timezone, String[] names) {

		static Columns of(List<String> header) {
			int phone = -1;
			int timezone = -1;
			String[] names = new String[header.size()];
			for (int i = 0; i < header.size(); i++) {
				String name = header.get(i).trim();
				String lower = name.toLowerCase(Locale.ROOT);
				if (lower.equals("phone") && phone < 0) {
					phone = i;
				}
				else if ((lower.equals("timezone") || lower.equals("time_zone")) && timezone < 0) {
					timezone = i;
				}
				else {
					names[i] = name;
				}
			}
			if (phone < 0) {
				throw Problems.invalid("line 1",
						"names no phone column; the header is e.g. phone,timezone,firstName but was "
								+ String.join(",", header));
			}
			return new Columns(header.size(), phone, timezone, names);
		}

		Map<String, String> attributes(List<String> fields) {
			Map<String, String> attributes = new LinkedHashMap<>();
			for (int i = 0; i < this.names.length; i++) {
				if (this.names[i] != null && !this.names[i].isEmpty() && !fields.get(i).isEmpty()) {
					attributes.put(this.names[i], fields.get(i));
				}
			}
			return attributes;
		}

	}

	/**
	 * Rows waiting to be written, one statement per batch, to the audience or to the
	 * staging table.
	 */
	private final class Batch {

		private final String sql;

		private final UUID owner;

		private final int size;

		private final List<Member> members;

		private long offered;

		private long added;

		Batch(String sql, UUID owner, int size) {
			this.sql = sql;
			this.owner = owner;
			this.size = size;
			this.members = new ArrayList<>(size);
		}

		void add(Member member) {
			this.members.add(member);
			this.offered++;
			if (this.members.size() >= this.size) {
				flush();
			}
		}

		void flush() {
			if (this.members.isEmpty()) {
				return;
			}
			int n = this.members.size();
			String[] keys = new String[n];
			String[] phones = new String[n];
			String[] e164s = new String[n];
			String[] codes = new String[n];
			String[] reasons = new String[n];
			String[] zones = new String[n];
			String[] attributes = new String[n];
			Long[] lines = new Long[n];
			for (int i = 0; i < n; i++) {
				Member member = this.members.get(i);
				keys[i] = member.key();
				phones[i] = member.phone();
				e164s[i] = member.e164();
				codes[i] = member.rejectCode();
				reasons[i] = member.rejectReason();
				zones[i] = member.timeZones();
				attributes[i] = member.attributes();
				lines[i] = member.line();
			}
			Integer inserted = Audiences.this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
				try (PreparedStatement insert = connection.prepareStatement(this.sql)) {
					insert.setObject(1, this.owner);
					insert.setArray(2, connection.createArrayOf("text", keys));
					insert.setArray(3, connection.createArrayOf("text", phones));
					insert.setArray(4, connection.createArrayOf("text", e164s));
					insert.setArray(5, connection.createArrayOf("text", codes));
					insert.setArray(6, connection.createArrayOf("text", reasons));
					insert.setArray(7, connection.createArrayOf("text", zones));
					insert.setArray(8, connection.createArrayOf("text", attributes));
					insert.setArray(9, connection.createArrayOf("bigint", lines));
					return insert.executeUpdate();
				}
			});
			this.added += (inserted != null) ? inserted : 0;
			this.members.clear();
		}

	}

}
