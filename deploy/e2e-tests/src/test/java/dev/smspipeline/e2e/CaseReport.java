package dev.smspipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each hostile case expected and what the pipeline answered, written as a Markdown
 * table to {@code target/hostile-input/<name>.md} so the counts in docs/reliability.md
 * come from a run, not from memory.
 */
final class CaseReport {

	private final String name;

	private final List<Row> rows = new ArrayList<>();

	CaseReport(String name) {
		this.name = name;
	}

	synchronized void record(String category, String name, String entryPoint, String expected, String observed) {
		this.rows.add(new Row(category, name, entryPoint, expected, observed));
	}

	synchronized void write() {
		Map<String, Integer> perCategory = new LinkedHashMap<>();
		StringBuilder table = new StringBuilder("# ").append(this.name)
			.append("\n\n| category | case | entry point | expected | observed |\n|---|---|---|---|---|\n");
		for (Row row : this.rows) {
			perCategory.merge(row.category(), 1, Integer::sum);
			table.append("| ")
				.append(String.join(" | ", cell(row.category()), cell(row.name()), cell(row.entryPoint()),
						cell(row.expected()), cell(row.observed())))
				.append(" |\n");
		}
		table.append("\n| category | cases |\n|---|---|\n");
		perCategory.forEach(
				(category, count) -> table.append("| ").append(category).append(" | ").append(count).append(" |\n"));
		table.append("| **total** | **").append(this.rows.size()).append("** |\n");
		Path file = Path.of(System.getProperty("e2e.logs", "target/service-logs"))
			.resolveSibling("hostile-input")
			.resolve(this.name + ".md");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, table);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String cell(String text) {
		String oneLine = text.replace('\n', ' ').replace("|", "\\|");
		return (oneLine.length() > 160) ? oneLine.substring(0, 157) + "..." : oneLine;
	}

	private record Row(String category, String name, String entryPoint, String expected, String observed) {
	}

}
