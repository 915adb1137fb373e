package io.reco.quality;

import java.util.List;
import java.util.Locale;

/**
 * Bar charts as inline SVG for the HTML report: no script, no external resource, every label escaped. Each chart
 * carries its own colours and sizes as attributes, so it draws the same without the page's stylesheet (as the PDF's
 * SVG renderer draws it).
 */
final class SvgChart {
  /** One series of a chart: a name for the legend, a colour and one value per label. */
  record Series(String name, int rgb, double[] values) {
  }

  /** How a text of a chart is drawn. */
  private enum Ink {
    /** A bar's or column's name, a legend entry. */
    LABEL("fill=\"#1f2328\""),
    /** A value printed beside a bar or above a column. */
    VALUE("fill=\"#424a53\" font-size=\"11\""),
    /** A tick of the value axis. */
    AXIS("fill=\"#59636e\" font-size=\"11\"");

    private final String attributes;

    Ink(String attributes) {
      this.attributes = attributes;
    }
  }

  private static final int WIDTH = 1000;
  private static final double CHAR_WIDTH = 6.8;

  private SvgChart() {
  }

  /**
   * Horizontal bars, one per label, the series stacked left to right, with {@code valueLabels} written after each bar.
   */
  static String horizontalBars(String title, List<String> labels, List<Series> stacked, List<String> valueLabels) {
    int n = labels.size();
    double labelWidth = clamp(longest(labels) * CHAR_WIDTH + 14, 80, 240);
    double valueWidth = clamp(longest(valueLabels) * CHAR_WIDTH + 16, 60, 280);
    double plotX = labelWidth;
    double plotWidth = WIDTH - labelWidth - valueWidth;
    int legend = stacked.size() > 1 ? 26 : 0;
    int rowHeight = 26;
    int height = legend + n * rowHeight + 6;
    double max = 0;
    for (int i = 0; i < n; i++) {
      double total = 0;
      for (Series s : stacked) {
        total += s.values()[i];
      }
      max = Math.max(max, total);
    }
    max = max <= 0 ? 1 : max;

    StringBuilder svg = open(title, height);
    if (legend > 0) {
      legend(svg, stacked, plotX, 8);
    }
    for (int i = 0; i < n; i++) {
      double top = legend + i * rowHeight + 4;
      double mid = top + 9;
      svg.append(text(plotX - 8, mid + 4, "end", ReportText.cut(labels.get(i), 34), Ink.LABEL));
      svg.append(rect(plotX, top, plotWidth, 18, 0xeef1f5, null));
      double x = plotX;
      for (Series s : stacked) {
        double w = s.values()[i] / max * plotWidth;
        if (w > 0) {
          svg.append(rect(x, top, Math.max(w, 1), 18, s.rgb(), s.name() + ": " + Checks.format(s.values()[i])));
        }
        x += w;
      }
      svg.append(text(x + 6, mid + 4, "start", valueLabels.get(i), Ink.VALUE));
    }
    svg.append(line(plotX, legend, plotX, legend + n * rowHeight + 2, 0x8c959f));
    return svg.append("</svg>\n").toString();
  }

  /**
   * Vertical columns, one group per label with one column per series, on a value axis from 0. Shares are drawn as
   * percentages, other values as counts.
   */
  static String columns(String title, List<String> labels, List<Series> grouped, boolean shares) {
    int n = labels.size();
    double max = 0;
    for (Series s : grouped) {
      for (double v : s.values()) {
        max = Math.max(max, v);
      }
    }
    double step = niceStep(max <= 0 ? 1 : max / 4);
    if (!shares) {
      step = Math.ceil(step);
    }
    int ticks = (int) Math.max(1, Math.ceil(max / step - 1e-9));
    double top = ticks * step;

    double plotX = 64;
    double plotWidth = WIDTH - plotX - 10;
    double groupWidth = plotWidth / Math.max(n, 1);
    double columnWidth = groupWidth * 0.76 / grouped.size();
    boolean rotate = longest(labels) * CHAR_WIDTH > groupWidth - 4;
    // rotated labels need about 20 px each along the axis
    int labelEvery = rotate ? (int) Math.ceil(20 / groupWidth) : 1;
    double labelSpace = rotate ? clamp(Math.min(longest(labels), 18) * 5.2 + 18, 40, 110) : 26;
    int legend = grouped.size() > 1 ? 26 : 0;
    double plotTop = legend + 18;
    double plotHeight = 220;
    double baseline = plotTop + plotHeight;
    int height = (int) Math.ceil(baseline + labelSpace);

    StringBuilder svg = open(title, height);
    if (legend > 0) {
      legend(svg, grouped, plotX, 8);
    }
    for (int t = 0; t <= ticks; t++) {
      double tick = t * step;
      double y = baseline - tick / top * plotHeight;
      svg.append(line(plotX, y, WIDTH - 10, y, tick == 0 ? 0x8c959f : 0xe3e7ec));
      svg.append(text(plotX - 6, y + 4, "end", shares ? axisPercent(tick, step) : Checks.format(tick), Ink.AXIS));
    }
    for (int i = 0; i < n; i++) {
      double groupX = plotX + i * groupWidth + groupWidth * 0.12;
      for (int k = 0; k < grouped.size(); k++) {
        Series s = grouped.get(k);
        double v = s.values()[i];
        double h = v / top * plotHeight;
        double x = groupX + k * columnWidth;
        String value = shares ? String.format(Locale.ROOT, "%.1f%%", v * 100) : ReportText.count((long) v);
        svg.append(rect(x + 1, baseline - h, Math.max(columnWidth - 2, 1), h, s.rgb(),
            labels.get(i) + ", " + s.name() + ": " + value));
        if (value.length() * 6.2 <= columnWidth + 6) {
          svg.append(text(x + columnWidth / 2, baseline - h - 4, "middle", value, Ink.VALUE));
        }
      }
      if (i % labelEvery != 0) {
        continue;
      }
      double labelX = plotX + (i + 0.5) * groupWidth;
      String label = ReportText.cut(labels.get(i), rotate ? 18 : 40);
      if (rotate) {
        svg.append(String.format(Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" %s transform=\"rotate(-40 %.1f %.1f)\">%s</text>",
            labelX, baseline + 14, Ink.LABEL.attributes, labelX, baseline + 14, ReportHtml.escape(label)));
      } else {
        svg.append(text(labelX, baseline + 17, "middle", label, Ink.LABEL));
      }
    }
    return svg.append("</svg>\n").toString();
  }

  private static StringBuilder open(String title, int height) {
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
        + "role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\"><title>%s</title>\n",
        WIDTH, height, WIDTH, height, ReportHtml.escape(title)));
  }

  private static void legend(StringBuilder svg, List<Series> series, double x, double y) {
    for (Series s : series) {
      svg.append(rect(x, y, 12, 12, s.rgb(), null));
      svg.append(text(x + 17, y + 10, "start", s.name(), Ink.LABEL));
      x += 17 + s.name().length() * CHAR_WIDTH + 22;
    }
  }

  private static String rect(double x, double y, double w, double h, int rgb, String tooltip) {
    String r = String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%06x\"",
        x, y, w, h, rgb);
    return tooltip == null ? r + "/>" : r + "><title>" + ReportHtml.escape(tooltip) + "</title></rect>";
  }

  private static String line(double x1, double y1, double x2, double y2, int rgb) {
    return String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06x\" stroke-width=\"1\"/>",
        x1, y1, x2, y2, rgb);
  }

  private static String text(double x, double y, String anchor, String text, Ink ink) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>",
        x, y, anchor, ink.attributes, ReportHtml.escape(text));
  }

  private static String axisPercent(double tick, double step) {
    return String.format(Locale.ROOT, step < 0.01 ? "%.1f%%" : "%.0f%%", tick * 100);
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static int longest(List<String> texts) {
    int max = 0;
    for (String t : texts) {
      max = Math.max(max, t.length());
    }
    return max;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }
}
