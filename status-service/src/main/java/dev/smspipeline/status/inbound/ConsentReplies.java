package dev.smspipeline.status.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.platform.logging.PhoneNumberMask;
import dev.smspipeline.schemas.EventIds;
import dev.smspipeline.status.callback.CallbackSettings;
import dev.smspipeline.status.inbound.InboundReplies.Reply;

/**
 * Applies a lead's STOP or START: records it once per {@code MessageSid} (a replayed
 * webhook changes nothing), publishes one {@code OptOutChange} per account it belongs to
 * ({@link InboundAttribution}), and marks it applied. A reply no account can be found for
 * yet, or whose changes could not be published, stays recorded and is tried again every
 * {@code sms.inbound.retry-interval} until it applies: never dropped. Event ids depend
 * only on the reply, so a change published twice (a crash between publishing and marking)
 * is the same change.
 */
@Service
class ConsentReplies {

	private static final Logger log = LoggerFactory.getLogger(ConsentReplies.class);

	private static final int RETRY_BATCH = 500;

	private final InboundReplies replies;

	private final InboundAttribution attribution;

	private final OptOutPublisher publisher;

	private final InboundMetrics metrics;

	private final Clock clock;

	private final Duration publishTimeout;

	ConsentReplies(InboundReplies replies, InboundAttribution attribution, OptOutPublisher publisher,
			InboundMetrics metrics, CallbackSettings callbacks, Clock clock) {
		this.publishTimeout = callbacks.publishTimeout();
		this.replies = replies;
		this.attribution = attribution;
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Handles a reply that arrived.
	 * @return the outcome for the metrics: the keyword's meaning, {@code replayed},
	 * {@code unattributed} or {@code unavailable}
	 */
	String receive(Reply reply) {
		if (!this.replies.record(reply)) {
			return "replayed";
		}
		return apply(reply);
	}

	/**
	 * Attributes and applies the replies still pending, leaving alone any a webhook call
	 * may still be handling (younger than its longest publish wait, plus a second).
	 */
	@Scheduled(fixedDelayString = "${sms.inbound.retry-interval:10s}",
			initialDelayString = "${sms.inbound.retry-interval:10s}")
	void retryPending() {
		Instant settled = this.clock.instant().minus(this.publishTimeout).minusSeconds(1);
		for (Reply reply : this.replies.pending(RETRY_BATCH, settled)) {
			String outcome = apply(reply);
			if (!outcome.equals("unattributed") && !outcome.equals("unavailable")) {
				log.info("{} from {} to {} ({}) applied on a later attempt", reply.keyword().word(),
						PhoneNumberMask.mask(reply.lead()), PhoneNumberMask.mask(reply.sender()), reply.messageSid());
			}
		}
		this.metrics.pending(this.replies.pendingSummary(), this.clock.instant());
	}

	private String apply(Reply reply) {
		List<String> accounts = this.attribution.accounts(reply.lead(), reply.sender());
		if (accounts.isEmpty()) {
			return "unattributed";
		}
		List<OptOutChange> changes = accounts.stream()
			.map((account) -> OptOutChange.newBuilder()
				.setEventId(EventIds.inboundReply(reply.messageSid(), reply.keyword().word(), reply.lead(),
						reply.sender(), reply.receivedAt(), account))
				.setAccountId(account)
				.setRecipient(reply.lead())
				.setAction(reply.keyword().meaning().action())
				.setSource(OptOutSource.INBOUND_KEYWORD)
				.setKeyword(reply.keyword().word())
				.setSender(reply.sender())
				.setOccurredAt(reply.receivedAt())
				.build())
			.toList();
		try {
			this.publisher.publish(changes);
		}
		catch (ErrorResponseException ex) {
			return "unavailable";
		}
		this.replies.applied(reply.messageSid(), this.clock.instant());
		return reply.keyword().meaning().name().toLowerCase(Locale.ROOT);
	}

}
