package dev.smspipeline.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 keep-alive connection, for load generation: a request is a few
 * writes and reads on one socket, so the generator's CPU stays small next to the servers'
 * (the JDK's HTTP client costs several times more per request). Reconnects when the
 * server closes the connection. Understands {@code Content-Length} and chunked answers.
 * Not thread-safe: one per thread.
 */
final class PlainHttp implements Closeable {

	private final String host;

	private final int port;

	private final byte[] hostHeader;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	PlainHttp(URI base) {
		this.host = base.getHost();
		this.port = (base.getPort() > 0) ? base.getPort() : 80;
		this.hostHeader = ("Host: " + this.host + ":" + this.port + "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Posts a body.
	 * @param path the path and query
	 * @param headers further header lines, each ending in CRLF
	 * @param body the body
	 * @return the answer
	 * @throws IOException when the exchange failed (the connection is then dropped)
	 */
	Response post(String path, String headers, byte[] body) throws IOException {
		connect();
		try {
			this.out.write(("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
			this.out.write(this.hostHeader);
			this.out.write(
					("Content-Length: " + body.length + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
			this.out.write(body);
			this.out.flush();
			return read();
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void connect() throws IOException {
		if (this.socket != null) {
			return;
		}
		Socket socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress(this.host, this.port), 5000);
		socket.setSoTimeout(60_000);
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
		this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
	}

	private Response read() throws IOException {
		String statusLine = line();
		if (!statusLine.startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP answer: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closeAfter = statusLine.startsWith("HTTP/1.0");
		for (String header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).strip();
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> closeAfter = value.equalsIgnoreCase("close");
				default -> {
				}
			}
		}
		byte[] body;
		if (chunked) {
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			for (int size = chunkSize(); size > 0; size = chunkSize()) {
				buffer.write(this.in.readNBytes(size));
				line();
			}
			for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
				// trailers ignored
			}
			body = buffer.toByteArray();
		}
		else if (length >= 0) {
			body = this.in.readNBytes((int) length);
			if (body.length < length) {
				throw new EOFException("answer cut short");
			}
		}
		else if (status == 204 || status == 304 || status < 200) {
			body = new byte[0];
		}
		else {
			body = this.in.readAllBytes();
			closeAfter = true;
		}
		if (closeAfter) {
			close();
		}
		return new Response(status, body);
	}

	private int chunkSize() throws IOException {
		String line = line();
		int semicolon = line.indexOf(';');
		return Integer.parseInt((semicolon >= 0) ? line.substring(0, semicolon).strip() : line.strip(), 16);
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b < 0) {
				throw new EOFException("connection closed");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// nothing to do
			}
		}
		this.socket = null;
		this.in = null;
		this.out = null;
	}

	/**
	 * An answer.
	 *
	 * @param status its status code
	 * @param body its body
	 */
	record Response(int status, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
