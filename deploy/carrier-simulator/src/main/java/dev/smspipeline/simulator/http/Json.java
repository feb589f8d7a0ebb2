package dev.smspipeline.simulator.http;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of the simulator.
 */
public final class Json {

	/** Shared, thread-safe mapper. */
	public static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
		.build();

	private Json() {
	}

	public static byte[] write(Object value) {
		try {
			return MAPPER.writeValueAsBytes(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
