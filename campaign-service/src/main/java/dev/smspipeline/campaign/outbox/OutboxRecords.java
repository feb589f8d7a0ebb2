package dev.smspipeline.campaign.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

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

	private static final Map<String, Schema> SCHEMAS = Map.of(MessageRequested.class.getName(),
			MessageRequested.getClassSchema(), DeliveryStatus.class.getName(), DeliveryStatus.getClassSchema(),
			CampaignEvent.class.getName(), CampaignEvent.getClassSchema(), OptOutChange.class.getName(),
			OptOutChange.getClassSchema());

	private static final Map<String, BinaryMessageDecoder<SpecificRecord>> DECODERS = Map.of(
			MessageRequested.class.getName(), decoder(MessageRequested.getClassSchema()),
			DeliveryStatus.class.getName(), decoder(DeliveryStatus.getClassSchema()), CampaignEvent.class.getName(),
			decoder(CampaignEvent.getClassSchema()), OptOutChange.class.getName(),
			decoder(OptOutChange.getClassSchema()));

	private static final Map<String, BinaryMessageEncoder<SpecificRecord>> ENCODERS = Map.of(
			MessageRequested.class.getName(), encoder(MessageRequested.getClassSchema()),
			DeliveryStatus.class.getName(), encoder(DeliveryStatus.getClassSchema()), CampaignEvent.class.getName(),
			encoder(CampaignEvent.getClassSchema()), OptOutChange.class.getName(),
			encoder(OptOutChange.getClassSchema()));

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
