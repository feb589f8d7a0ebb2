package dev.smspipeline.status.callback;

import java.time.Instant;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.platform.problem.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CarrierCallbackTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

	@Test
	void namesTheEventAfterTheCarriersSidAndTheStatus() {
		DeliveryStatus event = CarrierCallback.from(params()).toEvent(MessageStatus.SENT, NOW);

		assertThat(event.getEventId()).isEqualTo("SM1:SENT");
		assertThat(event.getSource()).isEqualTo(StatusSource.CARRIER_CALLBACK);
		assertThat(event.getOccurredAt()).isEqualTo(NOW);
	}

	@Test
	void namesAnErrorEventAfterItsErrorCodeToo() {
		MultiValueMap<String, String> params = params();
		params.set("ErrorCode", "30008");

		DeliveryStatus event = CarrierCallback.from(params).toEvent(MessageStatus.UNDELIVERED, NOW);

		assertThat(event.getEventId()).isEqualTo("SM1:UNDELIVERED:30008");
		assertThat(event.getCarrierErrorCode()).isEqualTo("30008");
		assertThat(event.getCarrierErrorDescription()).startsWith("Unknown error");
	}

	@Test
	void givesTheSameCallbackTheSameEventIdWhenItComesAgain() {
		DeliveryStatus first = CarrierCallback.from(params()).toEvent(MessageStatus.SENT, NOW);
		DeliveryStatus again = CarrierCallback.from(params()).toEvent(MessageStatus.SENT, NOW.plusSeconds(30));

		assertThat(again.getEventId()).isEqualTo(first.getEventId());
	}

	@Test
	void refusesACallbackThatCannotBeAttributedWithEveryMissingField() {
		MultiValueMap<String, String> params = params();
		params.remove("messageId");
		params.set("accountId", "Not An Account");

		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> CarrierCallback.from(params))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getProperties()).extractingByKey("errors")
					.asInstanceOf(InstanceOfAssertFactories.list(FieldError.class))
					.extracting(FieldError::field)
					.containsExactly("messageId", "accountId");
			});
	}

	private static MultiValueMap<String, String> params() {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add("messageId", "m-1");
		params.add("accountId", "acme");
		params.add("MessageSid", "SM1");
		params.add("MessageStatus", "sent");
		params.add("To", "+14155550100");
		params.add("From", "+15005550006");
		params.add("ErrorCode", "");
		return params;
	}

}
