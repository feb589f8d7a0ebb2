package dev.smspipeline.campaign.account;

/**
 * A new API key: the only time its secret is shown.
 *
 * @param keyId its id, to list and revoke it
 * @param apiKey the secret, for {@code Authorization: Bearer}
 */
public record IssuedKey(String keyId, String apiKey) {
}
