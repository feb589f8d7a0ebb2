package dev.smspipeline.campaign.audience;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * Copies an upload's body to a file of its own before anything else happens, so that
 * however slowly a client sends, it holds no database connection and no lock meanwhile:
 * those are taken only once the body is whole on disk. A body larger than
 * {@code sms.campaigns.audience.max-upload-size} answers 413 problem+json naming the
 * limit, with no more than the limit written. The file is deleted when the
 * {@link Spooled} is closed, and at once when copying fails.
 */
@Component
public class UploadSpool {

	private final AudienceSettings settings;

	UploadSpool(AudienceSettings settings) {
		this.settings = settings;
	}

	/**
	 * Copies {@code body} to its end into a new file.
	 * @param body the request body
	 * @return the file, to close (which deletes it)
	 * @throws ErrorResponseException 413 when the body is over the limit
	 * @throws UncheckedIOException when the body or the file cannot be read or written
	 */
	public Spooled copy(InputStream body) {
		Path file = create();
		try {
			long limit = this.settings.maxUploadSize().toBytes();
			long copied = 0;
			byte[] buffer = new byte[1 << 16];
			try (OutputStream out = Files.newOutputStream(file)) {
				int read;
				while ((read = body.read(buffer)) != -1) {
					copied += read;
					if (copied > limit) {
						throw tooLarge(this.settings.maxUploadSize());
					}
					out.write(buffer, 0, read);
				}
			}
			return new Spooled(file, copied);
		}
		catch (IOException ex) {
			delete(file);
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			delete(file);
			throw ex;
		}
	}

	private Path create() {
		try {
			Path directory = this.settings.spoolDirectory();
			if (directory != null) {
				Files.createDirectories(directory);
				return Files.createTempFile(directory, "audience-upload-", ".csv");
			}
			return Files.createTempFile("audience-upload-", ".csv");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ErrorResponseException tooLarge(DataSize limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The CSV is larger than " + describe(limit)
						+ ", the most one upload may be (sms.campaigns.audience.max-upload-size); "
						+ "split the audience into several uploads.");
		problem.setProperty("maxBytes", limit.toBytes());
		return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
	}

	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024L * 1024) == 0) {
			return (bytes / (1024L * 1024)) + " MB";
		}
		if (bytes % 1024 == 0) {
			return (bytes / 1024) + " KB";
		}
		return bytes + " bytes";
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			file.toFile().deleteOnExit();
		}
	}

	/**
	 * A spooled body.
	 *
	 * @param file where it is
	 * @param bytes its length
	 */
	public record Spooled(Path file, long bytes) implements AutoCloseable {

		/** Reads the body from its start. */
		public InputStream open() {
			try {
				return new BufferedInputStream(Files.newInputStream(this.file), 1 << 16);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** Deletes the file. */
		@Override
		public void close() {
			delete(this.file);
		}

	}

}
