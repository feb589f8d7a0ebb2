package dev.smspipeline.schemas.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

import dev.smspipeline.events.AccountState;
import dev.smspipeline.events.CampaignEvent;
import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.events.DeliveryStatus;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.events.OptOutChange;

/**
 * Every top-level value schema with the versions of it that have been published. A
 * published version is kept forever under {@code schema-history/<Name>/v<N>.avsc}; the
 * current schema (the generated class) must be able to read data written with each of
 * them.
 */
public final class PublishedSchemas {

	private static final List<Schema> CURRENT = List.of(MessageRequested.getClassSchema(),
			DeliveryStatus.getClassSchema(), CampaignEvent.getClassSchema(), CrmSmsRequest.getClassSchema(),
			OptOutChange.getClassSchema(), AccountState.getClassSchema());

	private PublishedSchemas() {
	}

	/** The schemas the code is generated from, one per top-level record. */
	public static List<Schema> current() {
		return CURRENT;
	}

	/**
	 * The published versions of one record, oldest first.
	 * @param recordName simple name of the record, e.g. {@code MessageRequested}
	 */
	public static List<Schema> history(String recordName) {
		List<Schema> versions = new ArrayList<>();
		for (int version = 1;; version++) {
			String path = "/schema-history/" + recordName + "/v" + version + ".avsc";
			try (InputStream in = PublishedSchemas.class.getResourceAsStream(path)) {
				if (in == null) {
					return List.copyOf(versions);
				}
				versions.add(new Schema.Parser().parse(in));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + path, ex);
			}
		}
	}

}
