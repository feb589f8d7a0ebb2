package dev.smspipeline.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's webhook signature ({@code X-Twilio-Signature}): the Base64 of the HMAC-SHA1,
 * keyed with the account's auth token, of the full URL the carrier posted to (query
 * string included, exactly as given to the carrier) followed by every POST parameter's
 * name and value, parameters sorted by name (and a repeated name's values sorted too).
 * Query parameters are covered by the URL, so they are as trustworthy as the body.
 * <p>
 * Verification compares in constant time and, like Twilio's own {@code RequestValidator},
 * also accepts the URL with its default port added or removed, since proxies in front of
 * a receiver often change that part. Immutable and thread-safe.
 */
public final class TwilioSignature {

	/** The header the carrier puts the signature in. */
	public static final String HEADER = "X-Twilio-Signature";

	private static final String ALGORITHM = "HmacSHA1";

	private final SecretKeySpec key;

	public TwilioSignature(String authToken) {
		if (authToken == null || authToken.isBlank()) {
			throw new IllegalArgumentException("A blank auth token would let anyone sign a webhook");
		}
		this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * The signature the carrier sends for a POST of {@code params} to {@code url}.
	 * @param url the full URL posted to, with its query string
	 * @param params the form parameters of the body (not those of the query string)
	 * @return the Base64 signature
	 */
	public String sign(String url, Map<String, String> params) {
		return signForm(url, singleValued(params));
	}

	/**
	 * The signature for a form whose parameters may repeat: each name's values are signed
	 * in sorted order, as Twilio does.
	 * @param url the full URL posted to, with its query string
	 * @param params the form parameters of the body, each with its values
	 * @return the Base64 signature
	 */
	public String signForm(String url, Map<String, ? extends Collection<String>> params) {
		Objects.requireNonNull(url, "url");
		StringBuilder data = new StringBuilder(url.length() + 512).append(url);
		if (params != null) {
			List<String> names = new ArrayList<>(params.keySet());
			names.sort(null);
			for (String name : names) {
				List<String> values = new ArrayList<>(params.get(name));
				values.replaceAll((value) -> (value != null) ? value : "");
				values.sort(null);
				for (String value : values) {
					data.append(name).append(value);
				}
			}
		}
		return Base64.getEncoder().encodeToString(mac().doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Whether {@code signature} is the one the carrier would send for this request.
	 * @param url the full URL posted to, with its query string
	 * @param params the form parameters of the body
	 * @param signature the value of the {@code X-Twilio-Signature} header
	 * @return {@code true} when it matches
	 */
	public boolean verify(String url, Map<String, String> params, String signature) {
		return verifyForm(url, singleValued(params), signature);
	}

	/**
	 * Whether {@code signature} is the one the carrier would send for a form whose
	 * parameters may repeat.
	 * @param url the full URL posted to, with its query string
	 * @param params the form parameters of the body, each with its values
	 * @param signature the value of the {@code X-Twilio-Signature} header
	 * @return {@code true} when it matches
	 */
	public boolean verifyForm(String url, Map<String, ? extends Collection<String>> params, String signature) {
		if (url == null || signature == null || signature.isEmpty()) {
			return false;
		}
		byte[] actual = signature.getBytes(StandardCharsets.UTF_8);
		boolean matches = MessageDigest.isEqual(signForm(url, params).getBytes(StandardCharsets.UTF_8), actual);
		String alternative = alternativePortForm(url);
		if (alternative != null) {
			// Both forms are always computed and compared, so timing tells nothing
			// either.
			matches |= MessageDigest.isEqual(signForm(alternative, params).getBytes(StandardCharsets.UTF_8), actual);
		}
		return matches;
	}

	/**
	 * The URL with its scheme's default port written out when it is absent, or left out
	 * when it is written; {@code null} for a URL on another port or one that cannot be
	 * read.
	 */
	static String alternativePortForm(String url) {
		try {
			URI uri = new URI(url);
			String authority = uri.getRawAuthority();
			if (uri.getScheme() == null || uri.getHost() == null || authority == null) {
				return null;
			}
			int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			String userInfo = (uri.getRawUserInfo() != null) ? uri.getRawUserInfo() + "@" : "";
			String host = userInfo + uri.getHost();
			String replacement;
			if (uri.getPort() == -1) {
				replacement = host + ":" + defaultPort;
			}
			else if (uri.getPort() == defaultPort) {
				replacement = host;
			}
			else {
				return null;
			}
			int at = url.indexOf("//" + authority);
			return (at < 0) ? null
					: url.substring(0, at + 2) + replacement + url.substring(at + 2 + authority.length());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static Map<String, List<String>> singleValued(Map<String, String> params) {
		Map<String, List<String>> form = new HashMap<>();
		if (params != null) {
			params.forEach((name, value) -> form.put(name, Collections.singletonList(value)));
		}
		return form;
	}

	private Mac mac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has HMAC-SHA1", ex);
		}
	}

}
