package dev.smspipeline.status.callback;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What of a webhook request its signature covers: the URL the carrier posted to, and the
 * form parameters of the body.
 */
final class WebhookRequests {

	private WebhookRequests() {
	}

	/**
	 * The full URL the carrier posted to: {@code publicBaseUrl} (when a proxy changes the
	 * scheme, host, port or a path prefix) or the request's own scheme, host and port,
	 * then the path within this application and the raw query string.
	 */
	static String signedUrl(HttpServletRequest request, URI publicBaseUrl) {
		String path = request.getRequestURI();
		String query = request.getQueryString();
		String suffix = (query != null) ? path + "?" + query : path;
		if (publicBaseUrl != null) {
			String base = publicBaseUrl.toString();
			base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
			String withinApplication = suffix.substring(request.getContextPath().length());
			return base + withinApplication;
		}
		String scheme = request.getScheme();
		String host = request.getServerName();
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		int port = request.getServerPort();
		boolean defaultPort = (port == 80 && "http".equalsIgnoreCase(scheme))
				|| (port == 443 && "https".equalsIgnoreCase(scheme)) || port <= 0;
		return scheme + "://" + host + (defaultPort ? "" : ":" + port) + suffix;
	}

	/**
	 * The form parameters of the body. A servlet container merges the query string's
	 * parameters into the same map, but only the body's are signed as parameters (the
	 * query is part of the URL), so every query value is taken out once again.
	 */
	static MultiValueMap<String, String> bodyParameters(HttpServletRequest request) {
		MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			body.put(parameter.getKey(), new ArrayList<>(Arrays.asList(parameter.getValue())));
		}
		queryParameters(request.getQueryString()).forEach((name, values) -> {
			List<String> remaining = body.get(name);
			if (remaining != null) {
				values.forEach(remaining::remove);
				if (remaining.isEmpty()) {
					body.remove(name);
				}
			}
		});
		return body;
	}

	static MultiValueMap<String, String> queryParameters(String query) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			parameters.add(decode(name), decode(value));
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
