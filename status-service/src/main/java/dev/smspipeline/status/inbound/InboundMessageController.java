package dev.smspipeline.status.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.events.OptOutChange;
import dev.smspipeline.events.OptOutSource;
import dev.smspipeline.platform.logging.PhoneNumberMask;
import dev.smspipeline.schemas.EventIds;

/**
 * {@code POST /webhooks/carrier/inbound}: Twilio's incoming-message webhook ({@code From}
 * the lead, {@code To} our number, {@code Body}), already proved genuine by the signature
 * filter. A STOP or START keyword publishes one {@code OptOutChange} per account the
 * reply belongs to and answers once the broker holds them all; HELP answers the
 * configured help text; anything else, and a keyword no account can be found for, answers
 * an empty TwiML response. Every answer but a broker outage (503) is 200, so the carrier
 * never retries or alerts on a lead's reply.
 */
@RestController
class InboundMessageController {

	static final String PATH = "/webhooks/carrier/inbound";

	private static final Logger log = LoggerFactory.getLogger(InboundMessageController.class);

	private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

	private final InboundAttribution attribution;

	private final OptOutPublisher publisher;

	private final InboundSettings settings;

	private final InboundMetrics metrics;

	private final Clock clock;

	InboundMessageController(InboundAttribution attribution, OptOutPublisher publisher, InboundSettings settings,
			InboundMetrics metrics, Clock clock) {
		this.attribution = attribution;
		this.publisher = publisher;
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> inbound(@RequestParam(name = "MessageSid", required = false) String messageSid,
			@RequestParam(name = "From", required = false) String from,
			@RequestParam(name = "To", required = false) String to,
			@RequestParam(name = "Body", required = false) String body) {
		Optional<InboundKeyword> keyword = InboundKeyword.parse(body);
		if (keyword.isEmpty()) {
			this.metrics.received("ignored");
			return twiml(EMPTY);
		}
		if (keyword.get().meaning() == InboundKeyword.Meaning.HELP) {
			this.metrics.received("help");
			return twiml(help(this.settings.helpText()));
		}
		List<String> accounts = this.attribution.accounts(from, to);
		if (accounts.isEmpty()) {
			log.warn("{} from {} to {} ({}) belongs to no account we know; nothing recorded", keyword.get().word(),
					PhoneNumberMask.mask(from), PhoneNumberMask.mask(to), messageSid);
			this.metrics.unattributed();
			return twiml(EMPTY);
		}
		Instant now = this.clock.instant();
		List<OptOutChange> changes = accounts.stream()
			.map((account) -> OptOutChange.newBuilder()
				.setEventId(EventIds.inboundReply(messageSid, keyword.get().word(), from, to, now, account))
				.setAccountId(account)
				.setRecipient(from.strip())
				.setAction(keyword.get().meaning().action())
				.setSource(OptOutSource.INBOUND_KEYWORD)
				.setKeyword(keyword.get().word())
				.setSender(to.strip())
				.setOccurredAt(now)
				.build())
			.toList();
		try {
			this.publisher.publish(changes);
		}
		catch (ErrorResponseException ex) {
			this.metrics.received("unavailable");
			throw ex;
		}
		this.metrics.received(keyword.get().meaning().name().toLowerCase(Locale.ROOT));
		return twiml(EMPTY);
	}

	static String help(String text) {
		if (text.isEmpty()) {
			return EMPTY;
		}
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escape(text) + "</Message></Response>";
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&apos;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static ResponseEntity<String> twiml(String xml) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
	}

}
