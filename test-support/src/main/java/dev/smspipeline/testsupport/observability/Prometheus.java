package dev.smspipeline.testsupport.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One scrape of a service's {@code /actuator/prometheus} on its management port, read the
 * way the metric catalogue states it: a metric name and some of its labels.
 */
public final class Prometheus {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String text;

	private Prometheus(String text) {
		this.text = text;
	}

	/**
	 * Scrapes the service whose management server listens on {@code managementPort} of
	 * this host (the service port serves no metrics).
	 * @param managementPort e.g. a test's {@code @LocalManagementPort}
	 * @return the scrape
	 * @throws IllegalStateException unless it answers 200
	 */
	public static Prometheus scrape(int managementPort) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
			}
			return new Prometheus(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The whole exposition text. */
	public String text() {
		return this.text;
	}

	/**
	 * The sample lines of one metric (exactly that name, any labels).
	 * @param name e.g. {@code sms_dispatch_taken_total}
	 * @return its lines
	 */
	public List<String> samples(String name) {
		return Arrays.stream(this.text.split("\n"))
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.toList();
	}

	/**
	 * The sample lines of one metric that carry every one of some labels.
	 * @param name the metric
	 * @param labels {@code key=value} pairs, e.g. {@code outcome="accepted"}
	 * @return the lines
	 */
	public List<String> samples(String name, String... labels) {
		return samples(name).stream().filter((line) -> Arrays.stream(labels).allMatch(line::contains)).toList();
	}

	/**
	 * The value of the first sample of a metric that carries every one of some labels.
	 * @param name the metric
	 * @param labels {@code key=value} pairs
	 * @return its value, or {@code NaN} when there is none
	 */
	public double value(String name, String... labels) {
		return samples(name, labels).stream()
			.findFirst()
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.orElse(Double.NaN);
	}

}
