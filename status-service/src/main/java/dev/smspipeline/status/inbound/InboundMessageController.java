package dev.smspipeline.status.inbound;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.platform.logging.PhoneNumberMask;

/**
 * {@code POST /webhooks/carrier/inbound}: Twilio's incoming-message webhook ({@code From}
 * the lead, {@code To} our number, {@code Body}), already proved genuine by the signature
 * filter. A STOP or START keyword publishes one {@code OptOutChange} per account the
 * reply belongs to and answers once the broker holds them all; HELP (or INFO) answers the
 * help text of the account that owns the {@code To} number, or the configured one
 * ({@link HelpAnswers}); anything else, and a keyword no account can be found for,
 * answers an empty TwiML response. Every answer but a broker outage (503) is 200, so the
 * carrier never retries or alerts on a lead's reply.
 */
@RestController
class InboundMessageController {

	static final String PATH = "/webhooks/carrier/inbound";

	private static final Logger log = LoggerFactory.getLogger(InboundMessageController.class);

	private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

	private final ConsentReplies replies;

	private final HelpAnswers help;

	private final InboundMetrics metrics;

	private final Clock clock;

	InboundMessageController(ConsentReplies replies, HelpAnswers help, InboundMetrics metrics, Clock clock) {
		this.replies = replies;
		this.help = help;
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
			return twiml(help(this.help.helpText(to)));
		}
		if (messageSid == null || messageSid.isBlank() || from == null || from.isBlank() || to == null
				|| to.isBlank()) {
			log.warn("{} without MessageSid, From or To; nothing recorded", keyword.get().word());
			this.metrics.received("incomplete");
			return twiml(EMPTY);
		}
		String outcome = this.replies.receive(new InboundReplies.Reply(messageSid.strip(), from.strip(), to.strip(),
				keyword.get(), this.clock.instant()));
		if (outcome.equals("unattributed")) {
			log.warn("{} from {} to {} ({}) belongs to no account we know yet; kept and tried again",
					keyword.get().word(), PhoneNumberMask.mask(from), PhoneNumberMask.mask(to), messageSid);
			this.metrics.unattributed();
		}
		else {
			this.metrics.received(outcome);
		}
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
