package dev.smspipeline.status.inbound;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboundSettingsTests {

	@Test
	void findsASenderNumbersAccountByItsDigitsWithOrWithoutThePlus() {
		InboundSettings settings = new InboundSettings("help", Map.of("15005550199", "globex"));

		assertThat(settings.accountOfSender("+15005550199")).contains("globex");
		assertThat(settings.accountOfSender("15005550199")).contains("globex");
		assertThat(settings.accountOfSender("+15005550100")).isEmpty();
		assertThat(settings.accountOfSender(null)).isEmpty();
	}

	@Test
	void answersHelpAsEscapedTwimlAndBlankHelpAsAnEmptyResponse() {
		assertThat(InboundMessageController.help("Stop & go <now>"))
			.endsWith("<Response><Message>Stop &amp; go &lt;now&gt;</Message></Response>");
		assertThat(InboundMessageController.help(new InboundSettings("  ", null).helpText())).endsWith("<Response/>");
	}

}
