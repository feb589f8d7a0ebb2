package dev.smspipeline.campaign.audience;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: fields separated by commas, optionally in
 * double quotes (which may hold commas, line breaks and doubled quotes), records ended by
 * LF or CRLF. Holds one record in memory, never more. A malformed record comes back with
 * an error and the reader carries on with the next line.
 */
final class CsvReader {

	private final Reader in;

	private final int maxChars;

	private long line = 1;

	private int pending = -2;

	private boolean started;

	CsvReader(Reader in, int maxChars) {
		this.in = in;
		this.maxChars = maxChars;
	}

	/**
	 * The next record, skipping empty lines.
	 * @return the record, or {@code null} at the end of the input
	 * @throws IOException when the input cannot be read
	 */
	CsvRecord next() throws IOException {
		while (true) {
			int c = read();
			if (c == -1) {
				return null;
			}
			if (c == '\n') {
				this.line++;
				continue;
			}
			if (c == '\r') {
				endOfLine();
				continue;
			}
			unread(c);
			return record();
		}
	}

	private CsvRecord record() throws IOException {
		long start = this.line;
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean inQuotes = false;
		boolean closedQuote = false;
		int chars = 0;
		while (true) {
			int c = read();
			if (++chars > this.maxChars) {
				skipLine();
				return new CsvRecord(start, List.of(), "is longer than " + this.maxChars + " characters");
			}
			if (inQuotes) {
				if (c == -1) {
					return new CsvRecord(start, List.of(), "a quoted field is not closed");
				}
				if (c == '"') {
					int next = read();
					if (next == '"') {
						field.append('"');
					}
					else {
						unread(next);
						inQuotes = false;
						closedQuote = true;
					}
				}
				else {
					if (c == '\n') {
						this.line++;
					}
					field.append((char) c);
				}
				continue;
			}
			if (c == -1 || c == '\n' || c == '\r') {
				if (c == '\n') {
					this.line++;
				}
				else if (c == '\r') {
					endOfLine();
				}
				fields.add(field.toString());
				return new CsvRecord(start, fields, null);
			}
			if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
				closedQuote = false;
			}
			else if (closedQuote) {
				skipLine();
				return new CsvRecord(start, List.of(), "unexpected text after a closing quote");
			}
			else if (c == '"' && field.isEmpty()) {
				inQuotes = true;
			}
			else {
				field.append((char) c);
			}
		}
	}

	private void skipLine() throws IOException {
		int c;
		do {
			c = read();
		}
		while (c != -1 && c != '\n' && c != '\r');
		if (c == '\n') {
			this.line++;
		}
		else if (c == '\r') {
			endOfLine();
		}
	}

	private void endOfLine() throws IOException {
		int next = read();
		if (next != '\n') {
			unread(next);
		}
		this.line++;
	}

	private int read() throws IOException {
		if (this.pending != -2) {
			int c = this.pending;
			this.pending = -2;
			return c;
		}
		int c = this.in.read();
		if (!this.started) {
			this.started = true;
			if (c == '\uFEFF') {
				c = this.in.read();
			}
		}
		return c;
	}

	private void unread(int c) {
		this.pending = c;
	}

	/**
	 * One record.
	 *
	 * @param line the line it starts on
	 * @param fields its fields, empty when it is broken
	 * @param error why it could not be read, or {@code null}
	 */
	record CsvRecord(long line, List<String> fields, String error) {
	}

}
