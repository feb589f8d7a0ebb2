package dev.smspipeline.simulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer shaped like Twilio's:
 * {@code {"code":21614,"message":"…","more_info":"https://www.twilio.com/docs/errors/21614","status":400}}.
 *
 * @param status the HTTP status
 * @param code Twilio's error code
 * @param message Twilio's message for the code
 * @param retryAfterSeconds the {@code Retry-After} header to send, or {@code null}
 */
public record TwilioError(int status, int code, String message, Integer retryAfterSeconds) {

	/** Twilio's documentation page for every error code. */
	public static final String MORE_INFO = "https://www.twilio.com/docs/errors/";

	public TwilioError(int status, int code, String message) {
		this(status, code, message, null);
	}

	public static TwilioError authenticate() {
		return new TwilioError(401, 20003, "Authenticate");
	}

	public static TwilioError notFound(String path) {
		return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
	}

	public static TwilioError methodNotAllowed(String method) {
		return new TwilioError(405, 20004, "Method not allowed: " + method);
	}

	public static TwilioError internalError() {
		return new TwilioError(500, 20500, "An internal server error has occurred");
	}

	/**
	 * The carrier's answer to a second create for a number within its rate window.
	 * @param seconds how long to wait, at least 1
	 * @return the 429 error with its {@code Retry-After}
	 */
	public static TwilioError rateLimited(int seconds) {
		int wait = Math.max(1, seconds);
		return new TwilioError(429, 20429, "To number rate limit exceeded, please wait " + wait + " seconds", wait);
	}

	public String moreInfo() {
		return MORE_INFO + this.code;
	}

	/**
	 * The fields of the JSON body, in Twilio's order.
	 * @return the body as a map
	 */
	public Map<String, Object> toBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", this.code);
		body.put("message", this.message);
		body.put("more_info", moreInfo());
		body.put("status", this.status);
		return body;
	}

}
