package dev.smspipeline.testsupport.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A GET whose request line is sent exactly as given, even when it is no valid URI (which
 * {@code HttpClient} refuses to send), over a plain socket: what a hostile or broken
 * client can send, e.g. {@code cursor=%%%}.
 */
public final class UnencodedGet {

	private UnencodedGet() {
	}

	/**
	 * Sends the GET and reads the whole answer ({@code Connection: close}).
	 * @param host the server's host
	 * @param port the server's port
	 * @param pathAndQuery the request target, sent as is
	 * @param authorization the {@code Authorization} header's value
	 * @return the answer
	 */
	public static ApiResponse send(String host, int port, String pathAndQuery, String authorization) {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(30_000);
			String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: "
					+ authorization + "\r\nConnection: close\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int status = Integer.parseInt(response.substring(9, 12));
			int headersEnd = response.indexOf("\r\n\r\n");
			String headers = response.substring(0, headersEnd);
			String contentType = headers.lines()
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
				.map((line) -> line.substring("content-type:".length()).trim())
				.findFirst()
				.orElse("");
			String body = response.substring(headersEnd + 4);
			if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				body = dechunk(body);
			}
			return new ApiResponse(status, contentType, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("GET " + pathAndQuery, ex);
		}
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
