package dev.smspipeline.campaign.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.idempotency.IdempotencySettings;
import dev.smspipeline.schemas.Topics;

/**
 * Refuses to start when idempotency keys (CRM {@code eventId}s) are kept for less than
 * {@code crm.sms-requests} keeps its records: a consumer-group reset or a replay would
 * then read records whose key was purged and send them again. Reads the topic's effective
 * {@code retention.ms} once, at start-up, with one {@code describeConfigs} call; when the
 * broker cannot be asked (not reachable within {@value #TIMEOUT_SECONDS} s, no
 * {@code DescribeConfigs} permission, no topic yet) it logs that it could not check and
 * starts. An infinite retention ({@code -1}) cannot be covered by any key retention; it
 * is accepted with a warning, since a replayed record older than the validity ends
 * EXPIRED anyway. Off with {@code sms.intake.verify-retention=false}, and when the intake
 * is disabled.
 */
@Component
class RetentionCheck implements ApplicationRunner {

	static final int TIMEOUT_SECONDS = 10;

	private static final Logger log = LoggerFactory.getLogger(RetentionCheck.class);

	private final KafkaAdmin admin;

	private final IntakeSettings intake;

	private final IdempotencySettings idempotency;

	RetentionCheck(KafkaAdmin admin, IntakeSettings intake, IdempotencySettings idempotency) {
		this.admin = admin;
		this.intake = intake;
		this.idempotency = idempotency;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.intake.enabled() || !this.intake.verifyRetention()) {
			return;
		}
		Long retentionMs = topicRetentionMs();
		if (retentionMs == null) {
			return;
		}
		String problem = problem(this.idempotency.retention(), retentionMs);
		if (problem != null) {
			throw new IllegalStateException(problem);
		}
		if (retentionMs < 0) {
			log.warn(
					"{} keeps its records forever; idempotency keys are kept for {}: a replay of older records "
							+ "relies on their validity to end them EXPIRED",
					Topics.CRM_SMS_REQUESTS, this.idempotency.retention());
		}
	}

	/**
	 * What is wrong with keeping keys for {@code keys} when the topic keeps records for
	 * {@code retentionMs}.
	 * @param keys {@code sms.messages.idempotency.retention}
	 * @param retentionMs the topic's {@code retention.ms}, {@code -1} for ever
	 * @return the problem, or {@code null} when the keys outlive the records
	 */
	static String problem(Duration keys, long retentionMs) {
		if (retentionMs < 0 || keys.compareTo(Duration.ofMillis(retentionMs)) >= 0) {
			return null;
		}
		return "sms.messages.idempotency.retention (" + keys + ") is shorter than the retention.ms of "
				+ Topics.CRM_SMS_REQUESTS + " (" + Duration.ofMillis(retentionMs) + "): a consumer-group reset or "
				+ "replay would send records again once their eventId was purged. Keep idempotency keys at least "
				+ "as long as the topic keeps records (or set sms.intake.verify-retention=false to skip this check)";
	}

	private Long topicRetentionMs() {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_SMS_REQUESTS);
		try (Admin client = Admin.create(this.admin.getConfigurationProperties())) {
			Map<ConfigResource, Config> configs = client.describeConfigs(List.of(topic))
				.all()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			ConfigEntry entry = configs.get(topic).get(TopicConfig.RETENTION_MS_CONFIG);
			return (entry != null && entry.value() != null) ? Long.valueOf(entry.value()) : null;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			log.warn("Could not read the retention of {} to check it against sms.messages.idempotency.retention: {}",
					Topics.CRM_SMS_REQUESTS, ex.toString());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
