package dev.smspipeline.status.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.events.StatusSource;
import dev.smspipeline.schemas.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class DeliveryStatusProjectorTests {

	private final StatusStore store = mock(StatusStore.class);

	private final DeliveryStatusProjector projector = new DeliveryStatusProjector(this.store);

	@Test
	void writesABatchInOneGo() {
		DeliveryStatus first = event("m-1", MessageStatus.REQUESTED);
		DeliveryStatus second = event("m-2", MessageStatus.SENT);

		this.projector.project(List.of(record(0, first), record(1, second)));

		verify(this.store).write(List.of(first, second));
	}

	@Test
	void writesTheRecordsBeforeAnUndeserializableOneThenHandsItToTheErrorHandler() {
		DeliveryStatus first = event("m-1", MessageStatus.REQUESTED);
		DeliveryStatus after = event("m-3", MessageStatus.SENT);

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> this.projector.project(List.of(record(0, first), undeserializable(1), record(2, after))))
			.satisfies((ex) -> {
				assertThat(ex.getIndex()).isEqualTo(1);
				assertThat(ex.getCause()).isInstanceOf(DeserializationException.class);
			});
		inOrder(this.store).verify(this.store).write(List.of(first));
	}

	@Test
	void skipsAnEventThatCannotBeAttributedToAnAccount() {
		DeliveryStatus good = event("m-1", MessageStatus.REQUESTED);
		DeliveryStatus noAccount = DeliveryStatus.newBuilder(event("m-2", MessageStatus.SENT))
			.setAccountId(" ")
			.build();

		this.projector.project(List.of(record(0, noAccount), record(1, good)));

		verify(this.store).write(List.of(good));
	}

	@Test
	void skipsAnEventWhoseSenderOrCampaignIsTooLongForTheStoresKeysInsteadOfRetryingItForever() {
		DeliveryStatus good = event("m-1", MessageStatus.REQUESTED);
		DeliveryStatus longSender = DeliveryStatus.newBuilder(event("m-2", MessageStatus.REQUESTED))
			.setSender("9".repeat(10_000))
			.build();
		DeliveryStatus longCampaign = DeliveryStatus.newBuilder(event("m-3", MessageStatus.REQUESTED))
			.setCampaignId("c".repeat(DeliveryStatusProjector.MAX_KEY_LENGTH + 1))
			.build();

		this.projector.project(List.of(record(0, longSender), record(1, longCampaign), record(2, good)));

		verify(this.store).write(List.of(good));
	}

	private static DeliveryStatus event(String messageId, MessageStatus status) {
		return DeliveryStatus.newBuilder()
			.setEventId(messageId + ":" + status)
			.setMessageId(messageId)
			.setAccountId("acme")
			.setStatus(status)
			.setOccurredAt(Instant.parse("2026-03-01T10:15:30Z"))
			.setSource(StatusSource.CAMPAIGN)
			.setAttributes(Map.of())
			.build();
	}

	private static ConsumerRecord<String, Object> record(long offset, DeliveryStatus value) {
		return new ConsumerRecord<>(Topics.DELIVERY_STATUS, 0, offset, value.getMessageId(), value);
	}

	private static ConsumerRecord<String, Object> undeserializable(long offset) {
		RecordHeaders headers = new RecordHeaders();
		byte[] data = { 1, 2, 3 };
		SerializationUtils.deserializationException(headers, data,
				new DeserializationException("Unknown magic byte", data, false, new IllegalStateException()), false);
		return new ConsumerRecord<>(Topics.DELIVERY_STATUS, 0, offset, 0L, TimestampType.CREATE_TIME, 0, data.length,
				"m-2", null, headers, java.util.Optional.empty());
	}

}
