package dev.smspipeline.status.inbound;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.smspipeline.events.OptOutAction;

/**
 * The keywords a lead's reply is recognised by, as the CTIA and the carriers ask: the
 * whole message and nothing else, in any case, with surrounding spaces and punctuation
 * ignored, so {@code Stop}, {@code  STOP. } and {@code "stop!"} opt out, while
 * {@code Cancel my 3pm} or {@code Yes, see you at 3} change nothing: opting in takes an
 * explicit keyword, and a sentence that starts with one is a sentence.
 *
 * @param word the keyword as carriers spell it, upper case ({@code STOP}, {@code START},
 * {@code HELP}, ...)
 * @param meaning what the keyword asks for
 */
record InboundKeyword(String word, Meaning meaning) {

	/** What a keyword asks for. */
	enum Meaning {

		/** Stop sending this number texts. */
		OPT_OUT,

		/** Send this number texts again. */
		OPT_IN,

		/** Answer with the help text. */
		HELP;

		/** The opt-out action of this meaning; HELP has none. */
		OptOutAction action() {
			return switch (this) {
				case OPT_OUT -> OptOutAction.OPT_OUT;
				case OPT_IN -> OptOutAction.OPT_IN;
				case HELP -> throw new IllegalStateException("HELP changes no consent");
			};
		}

	}

	private static final Map<String, Meaning> KEYWORDS = Map.ofEntries(Map.entry("STOP", Meaning.OPT_OUT),
			Map.entry("STOPALL", Meaning.OPT_OUT), Map.entry("UNSUBSCRIBE", Meaning.OPT_OUT),
			Map.entry("CANCEL", Meaning.OPT_OUT), Map.entry("END", Meaning.OPT_OUT), Map.entry("QUIT", Meaning.OPT_OUT),
			Map.entry("REVOKE", Meaning.OPT_OUT), Map.entry("OPTOUT", Meaning.OPT_OUT),
			Map.entry("START", Meaning.OPT_IN), Map.entry("UNSTOP", Meaning.OPT_IN), Map.entry("YES", Meaning.OPT_IN),
			Map.entry("HELP", Meaning.HELP), Map.entry("INFO", Meaning.HELP));

	/** The keyword {@code body} is; empty when it is none. */
	static Optional<InboundKeyword> parse(String body) {
		if (body == null) {
			return Optional.empty();
		}
		int start = 0;
		int end = body.length();
		while (start < end && ignorable(body.charAt(start))) {
			start++;
		}
		while (end > start && ignorable(body.charAt(end - 1))) {
			end--;
		}
		String word = body.substring(start, end).toUpperCase(Locale.ROOT);
		Meaning meaning = KEYWORDS.get(word);
		return (meaning != null) ? Optional.of(new InboundKeyword(word, meaning)) : Optional.empty();
	}

	private static boolean ignorable(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || isPunctuation(c);
	}

	private static boolean isPunctuation(char c) {
		return switch (Character.getType(c)) {
			case Character.OTHER_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
					Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.DASH_PUNCTUATION ->
				true;
			default -> false;
		};
	}

}
