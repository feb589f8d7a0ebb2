package dev.smspipeline.campaign.audience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;
import dev.smspipeline.platform.ratelimit.ApiRefusals;

/**
 * How many CSV uploads each account has in progress on this instance, at most
 * {@code sms.campaigns.audience.max-concurrent-uploads}: one more answers 429
 * problem+json with {@code Retry-After}, before its body is read, and is counted
 * ({@code sms_api_refused_total{reason="uploads"}}). An account with nothing in progress
 * takes no memory.
 */
@Component
public class UploadSlots {

	private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();

	private final AudienceSettings settings;

	private final ApiRefusals refusals;

	UploadSlots(AudienceSettings settings, ApiRefusals refusals) {
		this.settings = settings;
		this.refusals = refusals;
	}

	/**
	 * Takes one of the account's upload slots.
	 * @param account the uploading account
	 * @return the slot, to close when the upload ends
	 * @throws ErrorResponseException 429 when the account has no slot free
	 */
	public Slot take(AccountId account) {
		int max = this.settings.maxConcurrentUploads();
		AtomicBoolean taken = new AtomicBoolean();
		this.inProgress.compute(account.value(), (key, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= max) {
				return count;
			}
			taken.set(true);
			return current + 1;
		});
		if (!taken.get()) {
			this.refusals.count(ApiRefusals.Reason.UPLOADS);
			throw Problems.tooManyRequests(
					"This account already has " + max
							+ " audience uploads in progress, the most it may have; retry when one has ended.",
					this.settings.uploadRetryAfter());
		}
		return new Slot(account.value());
	}

	/** Uploads the account has in progress now. */
	public int inProgress(AccountId account) {
		return this.inProgress.getOrDefault(account.value(), 0);
	}

	private void release(String account) {
		this.inProgress.computeIfPresent(account, (key, count) -> (count > 1) ? count - 1 : null);
	}

	/** One upload in progress; closing it again does nothing. */
	public final class Slot implements AutoCloseable {

		private final String account;

		private final AtomicBoolean open = new AtomicBoolean(true);

		private Slot(String account) {
			this.account = account;
		}

		@Override
		public void close() {
			if (this.open.compareAndSet(true, false)) {
				release(this.account);
			}
		}

	}

}
