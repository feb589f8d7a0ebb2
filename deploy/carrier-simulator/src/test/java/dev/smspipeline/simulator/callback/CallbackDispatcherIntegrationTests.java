package dev.smspipeline.simulator.callback;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smspipeline.simulator.support.WebhookReceiver;
import dev.smspipeline.twilio.TwilioSignature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CallbackDispatcherIntegrationTests {

	private final TwilioSignature signer = new TwilioSignature("0123456789abcdef0123456789abcdef");

	private final List<AutoCloseable> toClose = new ArrayList<>();

	private WebhookReceiver receiver = WebhookReceiver.start();

	private final URI url = URI.create(this.receiver.url("/webhooks/carrier/status?messageId=1"));

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.toClose) {
			closeable.close();
		}
		this.receiver.close();
	}

	@Test
	void postsAMessagesDueLaterCallbackBeforeNewerMessagesFirstCallbacksThatBecameDueLater() {
		CallbackDispatcher dispatcher = dispatcher(1, Duration.ofSeconds(120));
		long now = System.currentTimeMillis();
		this.receiver.hold();
		dispatcher.schedule(this.url, List.of(callback("SM-old", "queued", now), callback("SM-old", "sent", now + 50)));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.requests().size() == 1);
		for (int i = 1; i <= 5; i++) {
			dispatcher.schedule(this.url, List.of(callback("SM-new" + i, "queued", now + 100)));
		}
		await().pollDelay(Duration.ofMillis(300)).until(() -> System.currentTimeMillis() > now + 300);

		this.receiver.release();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.requests().size() == 7);
		assertThat(sidsAndStatuses()).containsExactly("SM-old queued", "SM-old sent", "SM-new1 queued",
				"SM-new2 queued", "SM-new3 queued", "SM-new4 queued", "SM-new5 queued");
	}

	@Test
	void postsTheCallbacksOfOneMessageInPlannedOrderEvenWhenLaterOnesAreDueFirstOrRetried() {
		CallbackDispatcher dispatcher = dispatcher(8, Duration.ofSeconds(120));
		long now = System.currentTimeMillis();
		this.receiver.failNext(30);
		for (int i = 0; i < 100; i++) {
			dispatcher.schedule(this.url, List.of(callback("SM" + i, "queued", now + 50),
					callback("SM" + i, "sent", now), callback("SM" + i, "delivered", now)));
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.postedCount() == 300);
		assertThat(dispatcher.givenUpCount()).isZero();
		assertThat(dispatcher.pendingCount()).isZero();
		Map<String, List<String>> bySid = new LinkedHashMap<>();
		for (WebhookReceiver.Request request : this.receiver.requests()) {
			List<String> statuses = bySid.computeIfAbsent(request.form().get("MessageSid"), (sid) -> new ArrayList<>());
			String status = request.form().get("MessageStatus");
			if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
				statuses.add(status);
			}
		}
		assertThat(bySid).hasSize(100)
			.allSatisfy((sid, statuses) -> assertThat(statuses).containsExactly("queued", "sent", "delivered"));
	}

	@Test
	void postsEveryCallbackOnceAReceiverAnswering503ForThreeSecondsIsBack() {
		CallbackDispatcher dispatcher = dispatcher(4, Duration.ofSeconds(120));
		this.receiver.answerWith(503);
		long now = System.currentTimeMillis();
		for (int i = 0; i < 20; i++) {
			dispatcher.schedule(this.url, List.of(callback("SM" + i, "queued", now), callback("SM" + i, "sent", now),
					callback("SM" + i, "delivered", now)));
		}
		await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
		assertThat(dispatcher.postedCount()).isZero();

		this.receiver.answerWith(200);

		await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.postedCount() == 60);
		assertThat(dispatcher.givenUpCount()).isZero();
		assertThat(dispatcher.pendingCount()).isZero();
	}

	@Test
	void postsEveryCallbackOnceAReceiverThatRefusedConnectionsIsRestarted() {
		CallbackDispatcher dispatcher = dispatcher(4, Duration.ofSeconds(120));
		dispatcher.schedule(this.url, List.of(callback("SM-before", "queued", System.currentTimeMillis())));
		await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.postedCount() == 1);
		int port = this.receiver.port();
		this.receiver.close();
		long now = System.currentTimeMillis();
		for (int i = 0; i < 20; i++) {
			dispatcher.schedule(this.url, List.of(callback("SM" + i, "queued", now), callback("SM" + i, "sent", now),
					callback("SM" + i, "delivered", now)));
		}
		await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
		assertThat(dispatcher.postedCount()).isEqualTo(1);

		this.receiver = WebhookReceiver.start(port);

		await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.postedCount() == 61);
		assertThat(dispatcher.givenUpCount()).isZero();
		assertThat(this.receiver.statuses()).hasSize(60);
	}

	@Test
	void givesUpACallbackAfterTheRetryTimeAndThenPostsTheNextOne() {
		CallbackDispatcher dispatcher = dispatcher(2, Duration.ofMillis(1000));
		this.receiver.answerWith(503);
		long now = System.currentTimeMillis();
		dispatcher.schedule(this.url, List.of(callback("SM1", "queued", now), callback("SM1", "sent", now)));

		await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.givenUpCount() == 2);
		List<WebhookReceiver.Request> requests = this.receiver.requests();
		List<Long> queued = requests.stream()
			.filter((request) -> request.form().get("MessageStatus").equals("queued"))
			.map(WebhookReceiver.Request::receivedAt)
			.toList();
		List<Long> sent = requests.stream()
			.filter((request) -> request.form().get("MessageStatus").equals("sent"))
			.map(WebhookReceiver.Request::receivedAt)
			.toList();
		assertThat(queued).hasSizeBetween(3, 4);
		assertThat(queued.get(queued.size() - 1) - queued.get(0)).isBetween(900L, 1500L);
		assertThat(sent).hasSizeBetween(3, 4);
		assertThat(sent.get(0)).isGreaterThanOrEqualTo(queued.get(queued.size() - 1));
		assertThat(dispatcher.postedCount()).isZero();
		assertThat(dispatcher.pendingCount()).isZero();
	}

	@Test
	void givesUpACallbackTheReceiverRefusesWith4xxAtOnce() {
		CallbackDispatcher dispatcher = dispatcher(2, Duration.ofSeconds(120));
		this.receiver.answerWith(403);
		long now = System.currentTimeMillis();

		dispatcher.schedule(this.url, List.of(callback("SM1", "queued", now), callback("SM1", "sent", now)));

		await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.givenUpCount() == 2);
		assertThat(this.receiver.statuses()).containsExactly("queued", "sent");
	}

	@Test
	void countsScheduledCallbacksAsPendingUntilTheyArePosted() {
		CallbackDispatcher dispatcher = dispatcher(2, Duration.ofSeconds(120));
		long later = System.currentTimeMillis() + 60_000;

		assertThat(dispatcher.schedule(this.url,
				List.of(callback("SM1", "queued", later), callback("SM1", "sent", later + 1))))
			.isTrue();
		assertThat(dispatcher.pendingCount()).isEqualTo(2);
		assertThat(this.receiver.requests()).isEmpty();
	}

	@Test
	void postsAWebhookAtOnceAndAnswersWithTheReceiversStatusAndBody() throws Exception {
		CallbackDispatcher dispatcher = dispatcher(1, Duration.ofSeconds(120));

		CallbackDispatcher.Answer answer = dispatcher.post(this.url, Map.of("Body", "STOP"));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("<Response/>");
		assertThat(this.receiver.requests()).singleElement().satisfies((request) -> {
			assertThat(request.form()).containsEntry("Body", "STOP");
			assertThat(this.signer.verify(request.url(), request.form(), request.signature())).isTrue();
		});
	}

	private CallbackDispatcher dispatcher(int maxInFlight, Duration retryFor) {
		CallbackDispatcher dispatcher = new CallbackDispatcher(1, maxInFlight, retryFor, this.signer);
		this.toClose.add(dispatcher);
		return dispatcher;
	}

	private List<String> sidsAndStatuses() {
		return this.receiver.requests()
			.stream()
			.map((request) -> request.form().get("MessageSid") + " " + request.form().get("MessageStatus"))
			.toList();
	}

	private static Callback callback(String sid, String status, long dueAtMillis) {
		return new Callback(dueAtMillis, Map.of("MessageSid", sid, "MessageStatus", status));
	}

}
