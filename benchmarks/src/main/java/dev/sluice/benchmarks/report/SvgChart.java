package dev.sluice.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG of horizontal grouped bars with error whiskers, written by hand (no plotting
 * library): one panel per measure, one group per configuration, one bar per library.
 */
final class SvgChart {

	record Bar(String label, double value, double error, String color, String text) {
	}

	record Group(String title, List<Bar> bars) {
	}

	/** {@code log}: a logarithmic axis (latencies spanning nanoseconds to seconds). */
	record Panel(String title, boolean log, List<Group> groups) {
	}

	private static final int WIDTH = 960;
	private static final int LABEL = 210;
	private static final int PLOT = 560;
	private static final int BAR = 13;
	private static final int GAP = 3;

	private SvgChart() {
	}

	static String render(String title, String subtitle, List<Panel> panels) {
		StringBuilder body = new StringBuilder();
		int y = 48;
		for (Panel p : panels) {
			y = panel(body, p, y) + 18;
		}
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(y)
				.append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(y)
				.append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		text(svg, 12, 20, esc(title), "font-size=\"16\" font-weight=\"bold\"");
		text(svg, 12, 36, esc(subtitle), "fill=\"#555\"");
		svg.append(body).append("</svg>\n");
		return svg.toString();
	}

	private static int panel(StringBuilder svg, Panel p, int y) {
		text(svg, 12, y, esc(p.title()), "font-size=\"13\" font-weight=\"bold\"");
		y += 8;
		double max = 0;
		double min = Double.MAX_VALUE;
		for (Group g : p.groups()) {
			for (Bar b : g.bars()) {
				if (Double.isFinite(b.value())) {
					max = Math.max(max, b.value() + (Double.isFinite(b.error()) ? b.error() : 0));
					if (b.value() > 0) {
						min = Math.min(min, b.value());
					}
				}
			}
		}
		if (max <= 0) {
			max = 1;
		}
		double lo = p.log() ? Math.pow(10, Math.floor(Math.log10(min == Double.MAX_VALUE ? 1 : min))) : 0;
		double hi = p.log() ? Math.pow(10, Math.ceil(Math.log10(max))) : max;
		if (p.log()) {
			for (double t = lo; t <= hi * 1.0001; t *= 10) {
				double x = LABEL + scale(t, lo, hi, true);
				svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
						x, y, x, y + height(p) - 8));
			}
		}
		for (Group g : p.groups()) {
			y += 14;
			text(svg, 20, y, esc(g.title()), "fill=\"#333\" font-style=\"italic\"");
			y += 4;
			for (Bar b : g.bars()) {
				text(svg, LABEL - 6, y + BAR - 3, esc(b.label()), "text-anchor=\"end\"");
				double w = Double.isFinite(b.value()) ? scale(b.value(), lo, hi, p.log()) : 0;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", LABEL, y, Math.max(w, 0.5),
						BAR, b.color()));
				if (Double.isFinite(b.error()) && b.error() > 0 && Double.isFinite(b.value())) {
					double x1 = LABEL + scale(Math.max(b.value() - b.error(), p.log() ? lo : 0), lo, hi, p.log());
					double x2 = LABEL + scale(b.value() + b.error(), lo, hi, p.log());
					int cy = y + BAR / 2;
					svg.append(String.format(Locale.ROOT,
							"<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" stroke=\"#222\" fill=\"none\"/>%n", x1, cy, x2, x1,
							cy - 3, cy + 3, x2, cy - 3, cy + 3));
				}
				text(svg, (int) (LABEL + Math.max(w, 0) + 6 + (Double.isFinite(b.error()) && b.error() > 0 ? 8 : 0)),
						y + BAR - 3, esc(b.text()), "fill=\"#222\"");
				y += BAR + GAP;
			}
		}
		return y;
	}

	private static int height(Panel p) {
		int h = 8;
		for (Group g : p.groups()) {
			h += 18 + g.bars().size() * (BAR + GAP);
		}
		return h;
	}

	private static double scale(double v, double lo, double hi, boolean log) {
		if (!log) {
			return hi <= 0 ? 0 : PLOT * v / hi;
		}
		if (v <= lo) {
			return 0;
		}
		return PLOT * (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
	}

	private static void text(StringBuilder svg, int x, int y, String s, String attrs) {
		svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" ").append(attrs).append('>')
				.append(s).append("</text>\n");
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
