package dev.smspipeline.bench;

import java.util.Locale;

/**
 * Draws a {@link Timeline} as an SVG: texts per second (accepted, at the carrier, final)
 * above, latency percentiles per second on a logarithmic scale below.
 */
final class SvgChart {

	private static final int WIDTH = 960;

	private static final int PANEL_HEIGHT = 260;

	private static final int LEFT = 70;

	private static final int RIGHT = 170;

	private static final int TOP = 50;

	private static final int GAP = 70;

	private SvgChart() {
	}

	static String render(Timeline timeline, String title, String subtitle) {
		StringBuilder svg = new StringBuilder();
		int height = TOP + 2 * PANEL_HEIGHT + GAP + 50;
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, height, WIDTH, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
		svg.append(text(LEFT, 22, escape(title), "font-size=\"16\" font-weight=\"bold\""));
		svg.append(text(LEFT, 40, escape(subtitle), "fill=\"#555\""));
		int seconds = Math.max(1, timeline.seconds());

		// throughput panel
		double[] accepted = timeline.accepted();
		double[] atCarrier = timeline.atCarrier();
		double[] finals = timeline.finals();
		double maxRate = niceCeiling(Math.max(max(accepted), Math.max(max(atCarrier), max(finals))));
		int top = TOP;
		axes(svg, top, seconds, "texts / s");
		for (int i = 0; i <= 4; i++) {
			double value = maxRate * i / 4;
			double y = top + PANEL_HEIGHT - PANEL_HEIGHT * i / 4.0;
			gridLine(svg, y, String.format(Locale.ROOT, "%,.0f", value));
		}
		polyline(svg, accepted, seconds, top, (v) -> v / maxRate, "#1f77b4", "requests accepted", 0);
		polyline(svg, atCarrier, seconds, top, (v) -> v / maxRate, "#ff7f0e", "at the carrier", 1);
		polyline(svg, finals, seconds, top, (v) -> v / maxRate, "#2ca02c", "final status", 2);

		// latency panel, log scale from 1 ms
		top = TOP + PANEL_HEIGHT + GAP;
		double[] carrierP99 = timeline.carrierLatency(99);
		double[] finalP50 = timeline.finalLatency(50);
		double[] finalP99 = timeline.finalLatency(99);
		double maxLatency = Math.max(10, Math.max(max(carrierP99), Math.max(max(finalP50), max(finalP99))));
		double decades = Math.ceil(Math.log10(maxLatency));
		axes(svg, top, seconds, "latency, ms (log)");
		for (int decade = 0; decade <= decades; decade++) {
			double y = top + PANEL_HEIGHT - PANEL_HEIGHT * decade / decades;
			gridLine(svg, y, String.format(Locale.ROOT, "%,.0f", Math.pow(10, decade)));
		}
		java.util.function.DoubleUnaryOperator log = (v) -> Math.log10(Math.max(1, v)) / decades;
		polyline(svg, carrierP99, seconds, top, log, "#ff7f0e", "p99 request→carrier", 0);
		polyline(svg, finalP50, seconds, top, log, "#9467bd", "p50 request→final", 1);
		polyline(svg, finalP99, seconds, top, log, "#d62728", "p99 request→final", 2);
		svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2 - 60, top + PANEL_HEIGHT + 35,
				"seconds since the first request", ""));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void axes(StringBuilder svg, int top, int seconds, String label) {
		int plotWidth = WIDTH - LEFT - RIGHT;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", LEFT, top,
				plotWidth, PANEL_HEIGHT));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>%n",
				top + PANEL_HEIGHT / 2, top + PANEL_HEIGHT / 2, escape(label)));
		int step = Math.max(1, niceStep(seconds / 10.0));
		for (int s = 0; s <= seconds; s += step) {
			double x = LEFT + plotWidth * s / (double) seconds;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>%n"
							+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
					x, top + PANEL_HEIGHT, x, top + PANEL_HEIGHT + 5, x, top + PANEL_HEIGHT + 18, s));
		}
	}

	private static void gridLine(StringBuilder svg, double y, String label) {
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n"
						+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
				LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, label));
	}

	private static void polyline(StringBuilder svg, double[] values, int seconds, int top,
			java.util.function.DoubleUnaryOperator scale, String color, String label, int legendRow) {
		int plotWidth = WIDTH - LEFT - RIGHT;
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			if (Double.isNaN(values[i])) {
				continue;
			}
			// each value covers second i..i+1: drawn at its middle
			double x = LEFT + plotWidth * (i + 0.5) / seconds;
			double y = top + PANEL_HEIGHT - PANEL_HEIGHT * Math.min(1, Math.max(0, scale.applyAsDouble(values[i])));
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		svg.append(
				String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
						color, points.toString().strip()));
		int legendX = WIDTH - RIGHT + 12;
		int legendY = top + 14 + legendRow * 18;
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n", legendX,
				legendY - 4, legendX + 18, legendY - 4, color));
		svg.append(text(legendX + 24, legendY, escape(label), ""));
	}

	private static String text(double x, double y, String content, String attributes) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes, content);
	}

	private static double max(double[] values) {
		double max = 0;
		for (double value : values) {
			if (!Double.isNaN(value)) {
				max = Math.max(max, value);
			}
		}
		return max;
	}

	static double niceCeiling(double value) {
		if (value <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double factor : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (factor * magnitude >= value) {
				return factor * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static int niceStep(double value) {
		return (int) Math.max(1, niceCeiling(value));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
