package dev.smspipeline.campaign.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.smspipeline.testsupport.accounts.TestAccount;

/**
 * A CSV upload whose client sends its body line by line, when the test says: the request
 * stays open, its body unfinished, until {@link #finish()}. The way a slow or malicious
 * client uploads.
 */
public final class SlowUpload implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final byte[] END = new byte[0];

	private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

	private final CompletableFuture<HttpResponse<String>> response;

	private volatile boolean finished;

	private SlowUpload(TestAccount account, int port, String campaignId) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/v1/campaigns/" + campaignId + "/audience"))
			.header("Authorization", account.bearer())
			.header("Content-Type", "text/csv")
			.timeout(Duration.ofMinutes(2))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ChunkStream(this.chunks)))
			.build();
		this.response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Starts an upload to the campaign and sends {@code firstLines} at once. */
	public static SlowUpload start(TestAccount account, int port, String campaignId, String firstLines) {
		SlowUpload upload = new SlowUpload(account, port, campaignId);
		upload.send(firstLines);
		return upload;
	}

	/** Sends more of the body. */
	public void send(String lines) {
		this.chunks.add(lines.getBytes(StandardCharsets.UTF_8));
	}

	/** Ends the body and waits for the answer. */
	public HttpResponse<String> finish() {
		end();
		try {
			return this.response.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The upload got no answer", ex);
		}
	}

	/** The answer, if one came already (a refusal before the body ended). */
	public CompletableFuture<HttpResponse<String>> response() {
		return this.response;
	}

	/** Ends the body, if not yet ended, without waiting. */
	@Override
	public void close() {
		end();
	}

	private void end() {
		if (!this.finished) {
			this.finished = true;
			this.chunks.add(END);
		}
	}

	/** The body as the HTTP client reads it: blocks until the test sends more. */
	private static final class ChunkStream extends InputStream {

		private final BlockingQueue<byte[]> chunks;

		private byte[] current = new byte[0];

		private int position;

		private boolean ended;

		ChunkStream(BlockingQueue<byte[]> chunks) {
			this.chunks = chunks;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int read = read(one, 0, 1);
			return (read == -1) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			while (this.position == this.current.length) {
				if (this.ended) {
					return -1;
				}
				try {
					this.current = this.chunks.take();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException();
				}
				this.position = 0;
				if (this.current == END) {
					this.ended = true;
				}
			}
			int count = Math.min(length, this.current.length - this.position);
			System.arraycopy(this.current, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

	}

}
