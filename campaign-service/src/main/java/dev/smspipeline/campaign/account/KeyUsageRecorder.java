package dev.smspipeline.campaign.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.smspipeline.platform.account.ApiKeyUsage;

/**
 * Stores each API key's last use (to the minute) that this instance's key filter noted,
 * every {@code sms.admin.key-usage-interval} (30 s), in one batched update; a later time
 * never goes back. A failed write is logged and the notes are dropped: a last use is a
 * hint for an operator deciding whether a key is still needed, not an audit record.
 */
@Component
class KeyUsageRecorder {

	private static final Logger log = LoggerFactory.getLogger(KeyUsageRecorder.class);

	private final ApiKeyUsage usage;

	private final JdbcTemplate jdbc;

	KeyUsageRecorder(ApiKeyUsage usage, JdbcTemplate jdbc) {
		this.usage = usage;
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "${sms.admin.key-usage-interval:30s}")
	void record() {
		Map<ApiKeyUsage.Key, Instant> used = this.usage.drain();
		if (used.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(used.size());
		used.forEach((key, at) -> rows
			.add(new Object[] { Timestamp.from(at), Timestamp.from(at), key.account(), key.keyId() }));
		try {
			this.jdbc.batchUpdate("""
					UPDATE api_key SET last_used_at = greatest(coalesce(last_used_at, ?), ?)
					WHERE account_id = ? AND key_id = ?
					""", rows);
		}
		catch (RuntimeException ex) {
			log.warn("Could not store the last use of {} API keys: {}", used.size(), ex.toString());
		}
	}

}
