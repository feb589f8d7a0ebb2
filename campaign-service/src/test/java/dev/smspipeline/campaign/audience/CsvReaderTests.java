package dev.smspipeline.campaign.audience;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReaderTests {

	@Test
	void readsPlainAndQuotedFields() throws IOException {
		List<CsvReader.CsvRecord> records = read("phone,name\r\n+1,\"Doe, \"\"J\"\"\"\n+2,Ann\n");
		assertThat(records).extracting(CsvReader.CsvRecord::fields)
			.containsExactly(List.of("phone", "name"), List.of("+1", "Doe, \"J\""), List.of("+2", "Ann"));
	}

	@Test
	void numbersRecordsByTheLineTheyStartOnAcrossQuotedLineBreaks() throws IOException {
		List<CsvReader.CsvRecord> records = read("h\n\"a\nb\"\n\nc\n");
		assertThat(records).extracting(CsvReader.CsvRecord::line).containsExactly(1L, 2L, 5L);
		assertThat(records.get(1).fields()).containsExactly("a\nb");
	}

	@Test
	void reportsTextAfterAClosingQuoteAndGoesOn() throws IOException {
		List<CsvReader.CsvRecord> records = read("\"a\"b,c\nd\n");
		assertThat(records.get(0).error()).contains("after a closing quote");
		assertThat(records.get(1).fields()).containsExactly("d");
		assertThat(records.get(1).line()).isEqualTo(2);
	}

	@Test
	void reportsAnUnclosedQuote() throws IOException {
		assertThat(read("\"open\n").get(0).error()).contains("not closed");
	}

	@Test
	void reportsARowTooLongAndGoesOn() throws IOException {
		List<CsvReader.CsvRecord> records = new ArrayList<>();
		CsvReader reader = new CsvReader(new StringReader("x".repeat(300) + "\nok\n"), 256);
		CsvReader.CsvRecord record;
		while ((record = reader.next()) != null) {
			records.add(record);
		}
		assertThat(records.get(0).error()).contains("longer than 256");
		assertThat(records.get(1).fields()).containsExactly("ok");
	}

	@Test
	void skipsAByteOrderMark() throws IOException {
		assertThat(read("\uFEFFphone\n").get(0).fields()).containsExactly("phone");
	}

	private static List<CsvReader.CsvRecord> read(String csv) throws IOException {
		CsvReader reader = new CsvReader(new StringReader(csv), 65536);
		List<CsvReader.CsvRecord> records = new ArrayList<>();
		CsvReader.CsvRecord record;
		while ((record = reader.next()) != null) {
			records.add(record);
		}
		return records;
	}

}
