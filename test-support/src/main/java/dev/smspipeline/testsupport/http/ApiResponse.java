package dev.smspipeline.testsupport.http;

import com.jayway.jsonpath.JsonPath;

/**
 * What a service answered.
 *
 * @param status HTTP status code
 * @param contentType the Content-Type header, or empty
 * @param body the body as text
 */
public record ApiResponse(int status, String contentType, String body) {

	/** A value of the JSON body, e.g. {@code json("$.messageId")}. */
	public <T> T json(String path) {
		return JsonPath.read(this.body, path);
	}

}
