package dev.smspipeline.platform.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of an API key, in lowercase hex. API keys are long random strings, so a plain
 * fast hash is enough to make a stolen table useless; a slow password hash would cost
 * every request a few milliseconds for nothing.
 */
public record ApiKeyHash(String hex) {

	public ApiKeyHash {
		if (hex == null || !hex.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("An API key hash is 64 lowercase hex digits");
		}
	}

	public static ApiKeyHash of(String apiKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return new ApiKeyHash(HexFormat.of().formatHex(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
