package dev.smspipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.smspipeline.events.CrmSmsRequest;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroSerdeConfig;
import dev.smspipeline.schemas.serde.AvroSerializer;

/**
 * Requests texts through the public entry points at a fixed offered rate or flat out:
 * {@code POST /api/v1/messages} from {@code --in-flight} threads, each with its own
 * keep-alive connection ({@link PlainHttp}), or {@code CrmSmsRequest} records on
 * {@code crm.sms-requests} (keyed by recipient, so one number's requests stay in order).
 * Records the instant each request left and its answer in a {@link RequestLog}.
 */
final class LoadGenerator implements AutoCloseable {

	private final BenchOptions options;

	private final BenchClock clock;

	private final String restHeaders;

	private final URI messagesUri;

	private KafkaProducer<String, CrmSmsRequest> producer;

	LoadGenerator(BenchOptions options, BenchClock clock, String apiKey) {
		this.options = options;
		this.clock = clock;
		this.messagesUri = URI.create(options.campaignUrl + "/api/v1/messages");
		this.restHeaders = "Authorization: Bearer " + apiKey + "\r\nContent-Type: application/json\r\n"
				+ "Accept: application/json\r\n";
	}

	/**
	 * Sends every planned text, then waits for every answer.
	 * @param log where the requests are recorded
	 * @param runId marks the bodies and keys of this run
	 * @param rate offered texts per second, 0 for flat out
	 * @param via the entry point
	 */
	void run(RequestLog log, String runId, double rate, Via via) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		int threads = (via == Via.KAFKA) ? 1 : this.options.inFlight;
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				try (PlainHttp http = new PlainHttp(this.messagesUri)) {
					for (int seq = next.getAndIncrement(); seq < log.size(); seq = next.getAndIncrement()) {
						if (rate > 0) {
							long due = start + (long) (seq * 1_000_000_000.0 / rate);
							long wait;
							while ((wait = due - System.nanoTime()) > 0) {
								LockSupport.parkNanos(wait);
							}
						}
						PlannedText text = log.plan.get(seq);
						String key = runId + "-" + seq;
						String body = "Bench " + runId + " text " + seq;
						if (via.restFor(seq)) {
							sendRest(http, log, text, key, body);
						}
						else {
							sendKafka(log, text, key, body);
						}
					}
				}
			}, "bench-load-" + i);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (this.producer != null) {
			this.producer.flush();
		}
	}

	private void sendRest(PlainHttp http, RequestLog log, PlannedText text, String key, String body) {
		byte[] json = ("{\"recipient\":\"" + text.recipient() + "\",\"body\":\"" + body + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		int seq = text.seq();
		log.sent(seq, key, this.clock.nowMicros());
		try {
			PlainHttp.Response response = http.post(this.messagesUri.getRawPath(), this.restHeaders, json);
			log.answered(seq, response.status(), messageId(response.text()), this.clock.nowMicros());
		}
		catch (IOException | RuntimeException ex) {
			log.answered(seq, 0, null, this.clock.nowMicros());
		}
	}

	private void sendKafka(RequestLog log, PlannedText text, String key, String body) {
		CrmSmsRequest request = CrmSmsRequest.newBuilder()
			.setEventId(key)
			.setAccountId(this.options.account)
			.setRecipient(text.recipient())
			.setBody(body)
			.setRequestedAt(Instant.now())
			.build();
		int seq = text.seq();
		log.sent(seq, key, this.clock.nowMicros());
		producer().send(new ProducerRecord<>(Topics.CRM_SMS_REQUESTS, text.recipient(), request),
				(metadata, failure) -> log.answered(seq, (failure != null) ? 0 : 202, null, this.clock.nowMicros()));
	}

	private synchronized KafkaProducer<String, CrmSmsRequest> producer() {
		if (this.producer == null) {
			Properties properties = new Properties();
			properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.options.kafka);
			properties.put(ProducerConfig.ACKS_CONFIG, "all");
			properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
			properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
			properties.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-load-generator");
			AvroSerializer<CrmSmsRequest> serializer = new AvroSerializer<>();
			serializer.configure(java.util.Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, this.options.registryUrl),
					false);
			this.producer = new KafkaProducer<>(properties, new StringSerializer(), serializer);
		}
		return this.producer;
	}

	/** The {@code messageId} of a {@code 202} answer's JSON body, or {@code null}. */
	static String messageId(String json) {
		if (json == null) {
			return null;
		}
		String field = "\"messageId\":\"";
		int start = json.indexOf(field);
		if (start < 0) {
			return null;
		}
		start += field.length();
		int end = json.indexOf('"', start);
		return (end < 0) ? null : json.substring(start, end);
	}

	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(10));
		}
	}

}
