package dev.smspipeline.campaign.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.OptOutChange;

/**
 * How a record is kept in the outbox: Avro single-object encoding (its schema's
 * fingerprint, then the binary), so a row written by a build with another schema fails
 * loudly instead of being misread. Only the event types this service publishes are
 * accepted.
 */
final class OutboxRecords {

	private static final List<Schema> CARRIED = List.of(MessageRequested.getClassSchema(),
			DeliveryStatus.getClassSchema(), CampaignEvent.getClassSchema(), OptOutChange.getClassSchema(),
			AccountState.getClassSchema());

	private static final Map<String, Schema> SCHEMAS = CARRIED.stream()
		.collect(Collectors.toUnmodifiableMap(Schema::getFullName, Function.identity()));

	private static final Map<String, BinaryMessageDecoder<SpecificRecord>> DECODERS = CARRIED.stream()
		.collect(Collectors.toUnmodifiableMap(Schema::getFullName, OutboxRecords::decoder));

	private static final Map<String, BinaryMessageEncoder<SpecificRecord>> ENCODERS = CARRIED.stream()
		.collect(Collectors.toUnmodifiableMap(Schema::getFullName, OutboxRecords::encoder));

	private OutboxRecords() {
	}

	static String type(SpecificRecord record) {
		String type = record.getClass().getName();
		if (!SCHEMAS.containsKey(type)) {
			throw new IllegalArgumentException("The outbox does not carry " + type);
		}
		return type;
	}

	static byte[] encode(SpecificRecord record) {
		try {
			ByteBuffer buffer = ENCODERS.get(type(record)).encode(record);
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static SpecificRecord decode(String type, byte[] payload) {
		BinaryMessageDecoder<SpecificRecord> decoder = DECODERS.get(type);
		if (decoder == null) {
			throw new IllegalStateException("Unknown outbox record type " + type);
		}
		try {
			return decoder.decode(payload);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static BinaryMessageDecoder<SpecificRecord> decoder(Schema schema) {
		return new BinaryMessageDecoder<>(SpecificData.get(), schema);
	}

	private static BinaryMessageEncoder<SpecificRecord> encoder(Schema schema) {
		return new BinaryMessageEncoder<>(SpecificData.get(), schema);
	}

}
