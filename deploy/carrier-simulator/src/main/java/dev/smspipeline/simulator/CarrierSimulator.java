package dev.smspipeline.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import dev.smspipeline.simulator.callback.CallbackDispatcher;
import dev.smspipeline.simulator.fault.FaultSwitch;
import dev.smspipeline.simulator.fault.FaultsHandler;
import dev.smspipeline.simulator.http.Exchanges;
import dev.smspipeline.simulator.http.Routes;
import dev.smspipeline.simulator.inbound.InboundHandler;
import dev.smspipeline.simulator.messages.CreateMessageHandler;
import dev.smspipeline.simulator.messages.IdempotencyCache;
import dev.smspipeline.simulator.messages.MessageLog;
import dev.smspipeline.simulator.messages.NumberLedger;
import dev.smspipeline.simulator.messages.ReceivedMessage;
import dev.smspipeline.simulator.messages.SimMessagesHandler;
import dev.smspipeline.simulator.scenario.ScenarioTable;
import dev.smspipeline.twilio.TwilioSignature;

/**
 * A running carrier simulator: a Twilio-compatible HTTP server on the JDK's HTTP server.
 * Start one with {@link #start(SimulatorSettings)}, close it when done:
 *
 * <pre class="code">
 * try (CarrierSimulator carrier = CarrierSimulator.start(SimulatorSettings.forTests())) {
 *     String url = carrier.messagesUrl();
 *     …
 *     assertThat(carrier.receivedMessages()).hasSize(1);
 * }
 * </pre>
 */
public final class CarrierSimulator implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(CarrierSimulator.class.getName());

	private static final Duration SWEEP_PERIOD = Duration.ofSeconds(5);

	private final SimulatorSettings settings;

	private final ScenarioTable scenarios;

	private final HttpServer server;

	private final ThreadPoolExecutor httpExecutor;

	private final CallbackDispatcher callbacks;

	private final MessageLog log;

	private final NumberLedger ledger;

	private final IdempotencyCache idempotency;

	private final FaultSwitch faults;

	private final ScheduledThreadPoolExecutor heldAnswers;

	private final AtomicBoolean closed = new AtomicBoolean();

	private CarrierSimulator(SimulatorSettings settings) throws IOException {
		this.settings = settings;
		this.scenarios = settings.resolveScenarios();
		this.log = new MessageLog(settings.messageLogLimit());
		this.ledger = new NumberLedger(settings.numberRateWindow().toMillis());
		this.idempotency = new IdempotencyCache(settings.idempotencyCacheSize());
		TwilioSignature signer = new TwilioSignature(settings.authToken());
		this.callbacks = new CallbackDispatcher(settings.callbackThreads(), settings.callbackMaxInFlight(),
				settings.callbackRetryFor(), signer);
		this.callbacks.every(SWEEP_PERIOD, () -> this.ledger.sweep(System.currentTimeMillis()));
		this.faults = new FaultSwitch(settings.faultTimeoutDelay());
		this.heldAnswers = new ScheduledThreadPoolExecutor(1, threads("sim-held-answer"));
		CreateMessageHandler create = new CreateMessageHandler(settings.accountSid(), settings.authToken(),
				this.scenarios, this.ledger, this.idempotency, this.log, this.callbacks, this.faults, this.heldAnswers);
		FaultsHandler faultsHandler = new FaultsHandler(this.faults);
		SimMessagesHandler messages = new SimMessagesHandler(this.log, this::clear);
		InboundHandler inbound = new InboundHandler(settings.accountSid(), settings.inboundWebhookUrl(),
				this.callbacks);
		Routes routes = new Routes().add("POST", CreateMessageHandler.PATH, create)
			.add("GET", SimMessagesHandler.PATH, messages::list)
			.add("DELETE", SimMessagesHandler.PATH, messages::delete)
			.add("POST", InboundHandler.PATH, inbound::handle)
			.add("GET", FaultsHandler.PATH, faultsHandler::get)
			.add("POST", FaultsHandler.PATH, faultsHandler::post)
			.add("DELETE", FaultsHandler.PATH, faultsHandler::delete)
			.add("GET", "/sim/scenarios", (exchange, path) -> Exchanges.sendJson(exchange, 200, scenariosBody()))
			.add("GET", "/sim/stats", (exchange, path) -> Exchanges.sendJson(exchange, 200, statsBody()))
			.add("GET", "/health", (exchange, path) -> Exchanges.sendJson(exchange, 200, Map.of("status", "UP")));
		this.httpExecutor = new ThreadPoolExecutor(settings.httpThreads(), settings.httpThreads(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(8192), threads("sim-http"), new ThreadPoolExecutor.CallerRunsPolicy());
		InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(settings.bindAddress()),
				settings.port());
		try {
			this.server = HttpServer.create(address, 1024);
		}
		catch (IOException ex) {
			this.callbacks.close();
			this.httpExecutor.shutdownNow();
			this.heldAnswers.shutdownNow();
			throw ex;
		}
		this.server.setExecutor(this.httpExecutor);
		this.server.createContext("/", routes);
		this.server.start();
	}

	/**
	 * Starts a simulator.
	 * @param settings how to run it
	 * @return the running simulator
	 * @throws UncheckedIOException when it cannot listen
	 * @throws IllegalArgumentException when the scenario file is malformed
	 */
	public static CarrierSimulator start(SimulatorSettings settings) {
		// The JDK HTTP server otherwise waits on Nagle's algorithm for small answers.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		try {
			return new CarrierSimulator(settings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot start the carrier simulator on " + settings.bindAddress() + ":" + settings.port(), ex);
		}
	}

	/**
	 * The port it listens on (the real one when started with port 0).
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Its base URL, e.g. {@code http://127.0.0.1:8090}, without a trailing slash.
	 * @return the base URL
	 */
	public String baseUrl() {
		InetAddress address = this.server.getAddress().getAddress();
		String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
		if (host.indexOf(':') >= 0) {
			host = "[" + host + "]";
		}
		return "http://" + host + ":" + port();
	}

	/**
	 * The create-message URL of its account.
	 * @return {@code <baseUrl>/2010-04-01/Accounts/<AccountSid>/Messages.json}
	 */
	public String messagesUrl() {
		return baseUrl() + "/2010-04-01/Accounts/" + accountSid() + "/Messages.json";
	}

	public String accountSid() {
		return this.settings.accountSid();
	}

	public String authToken() {
		return this.settings.authToken();
	}

	public SimulatorSettings settings() {
		return this.settings;
	}

	/**
	 * The scenario table in force.
	 * @return the table
	 */
	public ScenarioTable scenarios() {
		return this.scenarios;
	}

	/**
	 * Every create request received, in arrival order, as {@code GET /sim/messages} lists
	 * them.
	 * @return an immutable list
	 */
	public List<ReceivedMessage> receivedMessages() {
		return this.log.snapshot();
	}

	/**
	 * Clears the received messages and every per-number state (rate windows, first
	 * creates, failed attempts, idempotency keys), as {@code DELETE /sim/messages} does.
	 * Callbacks already scheduled still go out.
	 */
	public void clear() {
		this.log.clear();
		this.ledger.clear();
		this.idempotency.clear();
	}

	/**
	 * The carrier faults switch, as {@code /sim/faults} sets it.
	 * @return the switch
	 */
	public FaultSwitch faults() {
		return this.faults;
	}

	/**
	 * How many callbacks are scheduled or in flight.
	 * @return the count
	 */
	public int pendingCallbacks() {
		return this.callbacks.pendingCount();
	}

	/**
	 * Stops listening and drops pending callbacks.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.server.stop(0);
			this.httpExecutor.shutdownNow();
			this.heldAnswers.shutdownNow();
			this.callbacks.close();
			logger.log(System.Logger.Level.DEBUG, "Carrier simulator on port " + port() + " stopped");
		}
	}

	private Map<String, Object> statsBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("receivedMessages", this.log.size());
		Map<String, Object> outcomes = new LinkedHashMap<>();
		this.log.outcomeCounts().forEach((outcome, count) -> outcomes.put(outcome.wireName(), count));
		body.put("outcomes", outcomes);
		body.put("trackedNumbers", this.ledger.trackedNumbers());
		body.put("idempotencyKeys", this.idempotency.size());
		body.put("pendingCallbacks", this.callbacks.pendingCount());
		body.put("postedCallbacks", this.callbacks.postedCount());
		body.put("givenUpCallbacks", this.callbacks.givenUpCount());
		body.put("fault", this.faults.current(System.currentTimeMillis()).mode().name());
		body.put("faultErroredCreates", this.faults.erroredCreates());
		body.put("faultHeldCreates", this.faults.heldCreates());
		return body;
	}

	private Map<String, Object> scenariosBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("default", this.scenarios.defaultScenario());
		body.put("rules", this.scenarios.rules());
		return body;
	}

	private static java.util.concurrent.ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
