package dev.smspipeline.status.callback;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.smspipeline.events.MessageStatus;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierStatusesTests {

	@ParameterizedTest
	@CsvSource({ "queued, SUBMITTED", "accepted, SUBMITTED", "sending, SUBMITTED", "sent, SENT", "delivered, DELIVERED",
			"undelivered, UNDELIVERED", "failed, FAILED", "Delivered, DELIVERED" })
	void mapsTheCarriersStatusOntoOurs(String carrierStatus, MessageStatus expected) {
		assertThat(CarrierStatuses.map(carrierStatus)).contains(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "receiving", "received", "read", "scheduled", "canceled", "" })
	void ignoresAStatusItDoesNotTrack(String carrierStatus) {
		assertThat(CarrierStatuses.map(carrierStatus)).isEmpty();
	}

}
