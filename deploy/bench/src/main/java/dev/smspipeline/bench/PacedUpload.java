package dev.smspipeline.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CSV audience upload sent the way a slow client sends it, over a raw socket: the
 * request head and the CSV header at once, then one line every {@code lineEvery} as a
 * chunk of its own until {@code endAt}, then the end of the body and the answer. An
 * answer that comes before the body ended (a refusal: 429, 413, 404, ...) ends the upload
 * at once. {@code Connection: close}: one request per connection.
 */
final class PacedUpload {

	private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

	private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After:\\s*(\\d+)\\s*$");

	private static final Pattern ROWS = Pattern.compile("\"rows\"\\s*:\\s*(\\d+)");

	private static final long POLL_MILLIS = 100;

	private PacedUpload() {
	}

	/**
	 * Sends one upload.
	 * @param campaignUrl campaign-service's base URL
	 * @param apiKey the account's key
	 * @param campaignId the DRAFT
	 * @param lines the numbers to send, one a line, as long as there is time
	 * @param lineEveryMillis the pause between two lines
	 * @param endAtMillis when to end the body (epoch milliseconds)
	 * @return the answer
	 * @throws IOException when the connection fails before an answer
	 * @throws InterruptedException when interrupted
	 */
	static Answer send(String campaignUrl, String apiKey, String campaignId, Iterator<String> lines,
			long lineEveryMillis, long endAtMillis) throws IOException, InterruptedException {
		URI base = URI.create(campaignUrl);
		int port = (base.getPort() > 0) ? base.getPort() : 80;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(base.getHost(), port), 5000);
			socket.setSoTimeout(300_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			String head = "POST " + base.getRawPath() + "/api/v1/campaigns/" + campaignId + "/audience HTTP/1.1\r\n"
					+ "Host: " + base.getHost() + ":" + port + "\r\n" + "Authorization: Bearer " + apiKey + "\r\n"
					+ "Content-Type: text/csv\r\n" + "Transfer-Encoding: chunked\r\n" + "Connection: close\r\n\r\n";
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			int sent = 0;
			try {
				chunk(out, "phone\n");
				long nextLine = System.currentTimeMillis();
				while (System.currentTimeMillis() < endAtMillis && lines.hasNext()) {
					if (System.currentTimeMillis() >= nextLine) {
						chunk(out, lines.next() + "\n");
						sent++;
						nextLine += lineEveryMillis;
					}
					if (in.available() > 0) {
						return read(in, sent, true);
					}
					Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, nextLine - System.currentTimeMillis())));
				}
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (IOException ex) {
				// The service may have answered and closed while lines were still sent.
				return read(in, sent, true);
			}
			return read(in, sent, false);
		}
	}

	private static void chunk(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static Answer read(InputStream in, int linesSent, boolean early) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		in.transferTo(response);
		return Answer.parse(response.toString(StandardCharsets.UTF_8), linesSent, early);
	}

	/**
	 * The service's answer to an upload.
	 *
	 * @param status HTTP status, 0 when none could be read
	 * @param retryAfterSeconds its {@code Retry-After}, 0 when none
	 * @param rows the report's {@code rows}, -1 when none
	 * @param linesSent data lines sent before the answer
	 * @param early whether it came before the body ended
	 */
	record Answer(int status, long retryAfterSeconds, long rows, int linesSent, boolean early) {

		static Answer parse(String response, int linesSent, boolean early) {
			Matcher status = STATUS.matcher(response);
			Matcher retryAfter = RETRY_AFTER.matcher(response);
			Matcher rows = ROWS.matcher(response);
			return new Answer(status.find() ? Integer.parseInt(status.group(1)) : 0,
					retryAfter.find() ? Long.parseLong(retryAfter.group(1)) : 0,
					rows.find() ? Long.parseLong(rows.group(1)) : -1, linesSent, early);
		}

		String describe() {
			return String.format(Locale.ROOT, "%d%s after %d lines%s", this.status,
					(this.retryAfterSeconds > 0) ? " (Retry-After " + this.retryAfterSeconds + " s)" : "",
					this.linesSent, (this.rows >= 0) ? ", " + this.rows + " rows taken" : "");
		}

	}

}
