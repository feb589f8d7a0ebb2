/*
 * Copyright 2026 the original author or authors.
 */

package dev.smspipeline.localinfra.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node Apache Kafka broker in KRaft combined mode (broker and controller in one
 * process), listening on localhost only. The storage is formatted on the first start
 * (with a newly generated cluster id kept in {@code meta.properties}) and reused on every
 * later start, so topics and records survive restarts.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

	static final int NODE_ID = 1;

	static final String CONTROLLER_LISTENER = "CONTROLLER";

	private final Path dataDir;

	private final int port;

	private final int controllerPort;

	private final Map<String, String> overrides;

	private KafkaRaftServer server;

	private String clusterId;

	private boolean formattedNow;

	public EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort) {
		this(dataDir, port, controllerPort, Map.of());
	}

	public EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
		this.dataDir = dataDir.toAbsolutePath().normalize();
		this.port = port;
		this.controllerPort = controllerPort;
		this.overrides = Map.copyOf(overrides);
	}

	/**
	 * The broker configuration: combined mode, static single-voter quorum, settings sized
	 * for a developer machine.
	 * @return the configuration properties
	 */
	public Map<String, String> configuration() {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("process.roles", "broker,controller");
		config.put("node.id", String.valueOf(NODE_ID));
		config.put("controller.quorum.voters", NODE_ID + "@localhost:" + this.controllerPort);
		config.put("controller.listener.names", CONTROLLER_LISTENER);
		config.put("listeners", "PLAINTEXT://localhost:" + this.port + "," + CONTROLLER_LISTENER + "://localhost:"
				+ this.controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://localhost:" + this.port);
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		config.put("log.dirs", this.dataDir.toString());
		config.put("metadata.log.dir", this.dataDir.toString());
		// Topics
		config.put("auto.create.topics.enable", "true");
		config.put("num.partitions", "3");
		config.put("default.replication.factor", "1");
		config.put("min.insync.replicas", "1");
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "10");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("transaction.state.log.num.partitions", "10");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		// Retention sized for a developer machine: three days or 1 GiB per partition.
		config.put("log.retention.hours", "72");
		config.put("log.retention.bytes", String.valueOf(1024L * 1024 * 1024));
		config.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
		config.put("log.retention.check.interval.ms", "300000");
		// Few threads, small buffers.
		config.put("num.network.threads", "2");
		config.put("num.io.threads", "4");
		config.put("num.recovery.threads.per.data.dir", "1");
		config.put("background.threads", "4");
		config.put("log.cleaner.threads", "1");
		config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
		config.put("socket.send.buffer.bytes", "102400");
		config.put("socket.receive.buffer.bytes", "102400");
		config.putAll(this.overrides);
		return config;
	}

	/**
	 * Format the storage if needed and start the broker; returns when it is started.
	 */
	public synchronized void start() {
		if (this.server != null) {
			throw new IllegalStateException("Broker already started");
		}
		Map<String, String> config = configuration();
		KafkaConfig kafkaConfig = new KafkaConfig(config, false);
		formatIfNeeded();
		KafkaRaftServer raftServer = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
		try {
			raftServer.startup();
		}
		catch (RuntimeException ex) {
			try {
				raftServer.shutdown();
				raftServer.awaitShutdown();
			}
			catch (RuntimeException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
		this.server = raftServer;
	}

	private void formatIfNeeded() {
		try {
			Files.createDirectories(this.dataDir);
			Path metaProperties = this.dataDir.resolve("meta.properties");
			if (Files.exists(metaProperties)) {
				this.clusterId = readClusterId(metaProperties);
				this.formattedNow = false;
				return;
			}
			String newClusterId = Uuid.randomUuid().toString();
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
				new Formatter().setPrintStream(printStream)
					.setNodeId(NODE_ID)
					.setClusterId(newClusterId)
					.setControllerListenerName(CONTROLLER_LISTENER)
					.setMetadataLogDirectory(this.dataDir.toString())
					.addDirectory(this.dataDir.toString())
					.run();
			}
			this.clusterId = newClusterId;
			this.formattedNow = true;
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Could not format Kafka storage in " + this.dataDir + ": " + ex.getMessage(), ex);
		}
	}

	private static String readClusterId(Path metaProperties) throws IOException {
		Properties properties = new Properties();
		try (InputStream input = Files.newInputStream(metaProperties)) {
			properties.load(input);
		}
		return properties.getProperty("cluster.id");
	}

	/**
	 * Stop the broker cleanly and wait until it is down.
	 */
	public synchronized void stop() {
		KafkaRaftServer raftServer = this.server;
		this.server = null;
		if (raftServer != null) {
			raftServer.shutdown();
			raftServer.awaitShutdown();
		}
	}

	@Override
	public void close() {
		stop();
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public String clusterId() {
		return this.clusterId;
	}

	public boolean formattedOnThisStart() {
		return this.formattedNow;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public int port() {
		return this.port;
	}

	public int controllerPort() {
		return this.controllerPort;
	}

}
