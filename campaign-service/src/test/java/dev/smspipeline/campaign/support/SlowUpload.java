package dev.smspipeline.campaign.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.smspipeline.testsupport.accounts.TestAccount;
import dev.smspipeline.testsupport.http.ApiResponse;

/**
 * A CSV upload whose client sends its body line by line, when the test says, the way a
 * slow or malicious client does: the request stays open, its body unfinished, until
 * {@link #finish()}. A raw socket and a chunked body, so that each line leaves when it is
 * sent (an HTTP client library may hold a blocking body back or block its own I/O thread
 * on it).
 */
public final class SlowUpload implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private boolean ended;

	private SlowUpload(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
	}

	/** Starts an upload to the campaign and sends {@code firstLines} at once. */
	public static SlowUpload start(TestAccount account, int port, String campaignId, String firstLines) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("localhost", port), 5000);
			socket.setSoTimeout(60_000);
			SlowUpload upload = new SlowUpload(socket);
			upload.write("POST /api/v1/campaigns/" + campaignId + "/audience HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nAuthorization: " + account.bearer() + "\r\nContent-Type: text/csv\r\n"
					+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
			upload.send(firstLines);
			return upload;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends more of the body, as one chunk, at once. */
	public void send(String lines) {
		byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > 0) {
			write(Integer.toHexString(bytes.length) + "\r\n" + lines + "\r\n");
		}
	}

	/** Ends the body and reads the answer. */
	public Answer finish() {
		end();
		try {
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			this.socket.getInputStream().transferTo(response);
			return Answer.parse(response.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			close();
		}
	}

	/**
	 * Ends the body, if not yet ended, and the connection, without reading the answer.
	 */
	@Override
	public void close() {
		end();
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void end() {
		if (!this.ended && !this.socket.isClosed()) {
			this.ended = true;
			try {
				write("0\r\n\r\n");
			}
			catch (UncheckedIOException ex) {
				// the service answered and closed already
			}
		}
	}

	private void write(String text) {
		try {
			this.out.write(text.getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The answer to an upload.
	 *
	 * @param status its status
	 * @param headers its headers, names in lower case
	 * @param body its body, de-chunked
	 */
	public record Answer(int status, Map<String, String> headers, String body) {

		static Answer parse(String response) {
			int split = response.indexOf("\r\n\r\n");
			String[] head = response.substring(0, split).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						head[i].substring(colon + 1).trim());
			}
			String body = response.substring(split + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				StringBuilder whole = new StringBuilder();
				int at = 0;
				while (true) {
					int lineEnd = body.indexOf("\r\n", at);
					int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
					if (size == 0) {
						break;
					}
					whole.append(body, lineEnd + 2, lineEnd + 2 + size);
					at = lineEnd + 2 + size + 2;
				}
				body = whole.toString();
			}
			return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, body);
		}

		/** The answer as the other tests' helpers give it. */
		public ApiResponse response() {
			return new ApiResponse(this.status, this.headers.getOrDefault("content-type", ""), this.body);
		}

	}

}
