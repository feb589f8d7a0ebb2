package dev.smspipeline.simulator.signature;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook requests exactly as Twilio does with the
 * {@code X-Twilio-Signature} header: the Base64 of the HMAC-SHA1, keyed with the auth
 * token, of the full URL (query string included) followed by every POST parameter's name
 * and value, parameters sorted by name.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class TwilioSignature {

	/** The header Twilio puts the signature in. */
	public static final String HEADER = "X-Twilio-Signature";

	private static final String ALGORITHM = "HmacSHA1";

	private final SecretKeySpec key;

	private final ThreadLocal<Mac> macs;

	public TwilioSignature(String authToken) {
		Objects.requireNonNull(authToken, "authToken");
		this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	/**
	 * The signature Twilio would send for a POST of {@code params} to {@code url}.
	 * @param url the full URL the request is posted to, with its query string
	 * @param params the form parameters of the request body (none for a GET)
	 * @return the Base64 signature
	 */
	public String sign(String url, Map<String, String> params) {
		Objects.requireNonNull(url, "url");
		StringBuilder data = new StringBuilder(url.length() + 256).append(url);
		if (params != null && !params.isEmpty()) {
			List<String> names = new ArrayList<>(params.keySet());
			Collections.sort(names);
			for (String name : names) {
				String value = params.get(name);
				data.append(name).append((value != null) ? value : "");
			}
		}
		Mac mac = this.macs.get();
		byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(digest);
	}

	/**
	 * Whether {@code signature} is the one Twilio would send for this request. Like
	 * Twilio's own validator, the URL is also tried with its default port added or
	 * removed, since proxies in front of a receiver often change that part.
	 * @param url the full URL the request was posted to, with its query string
	 * @param params the form parameters of the request body
	 * @param signature the value of the {@code X-Twilio-Signature} header
	 * @return {@code true} when the signature matches
	 */
	public boolean verify(String url, Map<String, String> params, String signature) {
		if (url == null || signature == null) {
			return false;
		}
		if (matches(sign(url, params), signature)) {
			return true;
		}
		String alternative = alternativePortForm(url);
		return alternative != null && matches(sign(alternative, params), signature);
	}

	private static boolean matches(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

	private static String alternativePortForm(String url) {
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

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

}
