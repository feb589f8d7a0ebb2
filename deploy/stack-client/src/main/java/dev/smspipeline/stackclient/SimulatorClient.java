package dev.smspipeline.stackclient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The carrier simulator's own endpoints: {@code /sim/faults}, {@code /sim/stats} and the
 * log of create requests, {@code /sim/messages}. Failures are
 * {@link StackHttp.HttpFailure}s.
 */
public final class SimulatorClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration LOG_TIMEOUT = Duration.ofMinutes(2);

	private final StackHttp http = new StackHttp(null);

	private final String baseUrl;

	/**
	 * A client of one simulator.
	 * @param baseUrl its base URL, e.g. {@code http://localhost:8090}
	 */
	public SimulatorClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Switches a fault on for a while.
	 * @param mode {@code ERROR_500} or {@code TIMEOUT}
	 * @param duration how long
	 * @return the simulator's answer
	 */
	public JsonNode switchOn(String mode, Duration duration) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mode", mode);
		body.put("durationSeconds", duration.toMillis() / 1000.0);
		return this.http.postJson(this.baseUrl + "/sim/faults", body, TIMEOUT, 200);
	}

	/**
	 * Switches any fault off.
	 * @return the simulator's answer
	 */
	public JsonNode switchOff() {
		return this.http.delete(this.baseUrl + "/sim/faults", TIMEOUT);
	}

	/**
	 * {@code DELETE /sim/messages}: empties the log and the per-number state (rate
	 * windows, idempotency keys), so the simulator's memory does not grow from run to
	 * run.
	 */
	public void clearLog() {
		this.http.delete(this.baseUrl + "/sim/messages", TIMEOUT, 204);
	}

	/**
	 * The fault switched on now.
	 * @return its mode ({@code NONE} when there is none)
	 */
	public String faultMode() {
		return this.http.getJson(this.baseUrl + "/sim/faults", TIMEOUT).path("mode").asText();
	}

	/**
	 * Creates the simulator accepted since it started (or its log was cleared).
	 * @return the count
	 */
	public long acceptedCount() {
		return stats().path("outcomes").path("accepted").asLong();
	}

	/**
	 * Status callbacks the simulator still owes.
	 * @return the count, -1 when the simulator does not say
	 */
	public long pendingCallbacks() {
		return stats().path("pendingCallbacks").asLong(-1);
	}

	private JsonNode stats() {
		return this.http.getJson(this.baseUrl + "/sim/stats", TIMEOUT);
	}

	/**
	 * The logged creates to the given recipients received at or after {@code since}.
	 * @param recipients the numbers of interest
	 * @param since epoch milliseconds
	 * @return the entries, in arrival order
	 */
	public List<CarrierEntry> entries(Set<String> recipients, long since) {
		return entries((entry) -> entry.to() != null && entry.receivedAt() >= since && recipients.contains(entry.to()));
	}

	/**
	 * The logged creates a filter keeps, read streaming.
	 * @param keep which entries to keep
	 * @return the entries, in arrival order
	 */
	public List<CarrierEntry> entries(Predicate<CarrierEntry> keep) {
		AtomicReference<List<CarrierEntry>> entries = new AtomicReference<>(List.of());
		this.http.getStream(this.baseUrl + "/sim/messages", LOG_TIMEOUT,
				(body) -> entries.set(CarrierLog.parse(body, keep)));
		return entries.get();
	}

}
