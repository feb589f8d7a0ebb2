package dev.smspipeline.campaign.support;

import java.util.UUID;

import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.testsupport.http.ApiResponse;
import dev.smspipeline.testsupport.kafka.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-off texts as a test sends them, and a barrier that proves what was not published.
 */
public final class OneOffs {

	private OneOffs() {
	}

	/** {@code {"recipient": ..., "body": ...}} */
	public static String json(String recipient, String body) {
		return "{\"recipient\": \"" + recipient + "\", \"body\": \"" + body + "\"}";
	}

	/** Sends a text and expects 202. */
	public static ApiResponse send(Http http, String recipient, String body) {
		ApiResponse response = http.postJson("/api/v1/messages", json(recipient, body));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		return response;
	}

	/**
	 * Waits until every {@code MessageRequested} to {@code recipient} committed so far is
	 * on the probe: sends one more text to the number (a body nobody else uses) and waits
	 * for it. Texts to one number share one partition and leave the outbox in the order
	 * they were committed, so whatever was committed before it has been read once it has.
	 */
	public static void awaitEverythingPublishedTo(Http http, TopicProbe<MessageRequested> requests, String recipient) {
		String marker = send(http, recipient, "Marker " + UUID.randomUUID()).json("$.messageId");
		requests.await((request) -> request.getMessageId().equals(marker));
	}

}
