package dev.smspipeline.platform.logging;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTests {

	@Test
	void putsATextsIdsIntoTheMdcAndRestoresWhatWasThere() {
		MDC.put(LogContext.ACCOUNT_ID, "outer");
		try (LogContext.Scope scope = LogContext.text("m-1", null, "acme")) {
			assertThat(MDC.get(LogContext.MESSAGE_ID)).isEqualTo("m-1");
			assertThat(MDC.get(LogContext.CAMPAIGN_ID)).isNull();
			assertThat(MDC.get(LogContext.ACCOUNT_ID)).isEqualTo("acme");
		}
		assertThat(MDC.get(LogContext.MESSAGE_ID)).isNull();
		assertThat(MDC.get(LogContext.ACCOUNT_ID)).isEqualTo("outer");
		MDC.clear();
	}

}
