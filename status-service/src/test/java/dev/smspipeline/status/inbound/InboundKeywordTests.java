package dev.smspipeline.status.inbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.smspipeline.events.OptOutAction;
import dev.smspipeline.status.inbound.InboundKeyword.Meaning;

import static org.assertj.core.api.Assertions.assertThat;

class InboundKeywordTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			STOP            | STOP        | OPT_OUT
			stop            | STOP        | OPT_OUT
			Stop            | STOP        | OPT_OUT
			'  sToP  '      | STOP        | OPT_OUT
			STOP.           | STOP        | OPT_OUT
			stop!!          | STOP        | OPT_OUT
			'"Stop"'        | STOP        | OPT_OUT
			'(stop)'        | STOP        | OPT_OUT
			STOPALL         | STOPALL     | OPT_OUT
			unsubscribe     | UNSUBSCRIBE | OPT_OUT
			Cancel          | CANCEL      | OPT_OUT
			end             | END         | OPT_OUT
			QUIT            | QUIT        | OPT_OUT
			revoke          | REVOKE      | OPT_OUT
			OptOut          | OPTOUT      | OPT_OUT
			START           | START       | OPT_IN
			start           | START       | OPT_IN
			Unstop          | UNSTOP      | OPT_IN
			yes             | YES         | OPT_IN
			'Yes!'          | YES         | OPT_IN
			HELP            | HELP        | HELP
			help?           | HELP        | HELP
			info            | INFO        | HELP
			""")
	void recognisesAKeywordOnlyAsTheWholeMessage(String body, String word, Meaning meaning) {
		assertThat(InboundKeyword.parse(body)).contains(new InboundKeyword(word, meaning));
	}

	@Test
	void ignoresLineBreaksAroundTheKeyword() {
		assertThat(InboundKeyword.parse("\n STOP\n")).contains(new InboundKeyword("STOP", Meaning.OPT_OUT));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "hello", "please stop", "stopped", "unstoppable", "I want to STOP", "STO P", "YESS",
			"thanks, see you at the end", "Yes, see you at 3", "Cancel my 3pm", "stop please", "Yes please",
			"STOP\nthanks" })
	void recognisesNothingElse(String body) {
		assertThat(InboundKeyword.parse(body)).isEmpty();
	}

	@Test
	void mapsOptOutAndOptInToTheirActions() {
		assertThat(Meaning.OPT_OUT.action()).isEqualTo(OptOutAction.OPT_OUT);
		assertThat(Meaning.OPT_IN.action()).isEqualTo(OptOutAction.OPT_IN);
	}

}
