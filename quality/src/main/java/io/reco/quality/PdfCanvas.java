package io.reco.quality;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A4 pages written top to bottom for the PDF report: headings, wrapped text, tables whose header repeats after a
 * page break, and bar charts drawn as rectangles. Text is reduced to what the standard fonts can encode (WinAnsi),
 * so odd input in quarantined records never stops the rendering.
 */
final class PdfCanvas {
  /** How a table column is drawn. */
  enum Align { LEFT, RIGHT }

  /** A table column: header, width in points, alignment. */
  record Column(String header, float width, Align align) {
  }

  /** A table cell drawn as a coloured badge. */
  record Badge(Status status, String text) {
  }

  /** One series of a bar chart: a name for the legend, a colour and one value per bar. */
  record Series(String name, int rgb, double[] values) {
  }

  static final float MARGIN = 42;
  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float BOTTOM = MARGIN + 16;
  private static final float SIZE = 8.5f;
  private static final float LEADING = 11;
  private static final float PAD = 3;
  private static final int MAX_CELL_LINES = 12;
  private static final int TEXT_RGB = 0x1f2328;
  private static final int MUTED_RGB = 0x59636e;
  private static final int RULE_RGB = 0xd8dde3;
  private static final int SHADE_RGB = 0xf1f3f6;

  private final PDDocument doc;
  private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final PDFont mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
  private final Map<PDFont, Map<Integer, Boolean>> encodable = new HashMap<>();
  private PDPageContentStream content;
  private float y;

  PdfCanvas(PDDocument doc) throws IOException {
    this.doc = doc;
    newPage();
  }

  /** The width between the margins. */
  float width() {
    return PAGE.getWidth() - 2 * MARGIN;
  }

  void title(String text) throws IOException {
    ensure(26);
    y -= 18;
    show(bold, 18, MARGIN, y, text, TEXT_RGB);
    y -= 10;
  }

  /** A section heading, kept on a page with at least a few lines of what follows. */
  void heading(String text) throws IOException {
    ensure(22 + 4 * LEADING);
    y -= 22;
    show(bold, 13, MARGIN, y, text, TEXT_RGB);
    y -= 5;
    rule(MARGIN, y, MARGIN + width(), y, RULE_RGB);
    y -= 4;
  }

  void subheading(String text) throws IOException {
    ensure(16 + 3 * LEADING);
    y -= 14;
    show(bold, 10, MARGIN, y, fit(text, bold, 10, width()), TEXT_RGB);
    y -= 3;
  }

  /** Text wrapped to the width between the margins. */
  void paragraph(String text, boolean muted) throws IOException {
    for (String line : lines(text, regular, SIZE, width())) {
      ensure(LEADING);
      y -= LEADING;
      show(regular, SIZE, MARGIN, y, line, muted ? MUTED_RGB : TEXT_RGB);
    }
    y -= 2;
  }

  /** A label and a coloured badge on one line. */
  void badgeLine(String label, Badge badge) throws IOException {
    ensure(24);
    y -= 20;
    show(bold, 11, MARGIN, y + (19 - 11 * 0.7f) / 2, label, TEXT_RGB);
    float x = MARGIN + width(encode(label, bold), bold, 11) + 8;
    badge(x, y, badge, 11, 20);
    y -= 4;
  }

  /** One line of fixed-width text on a shaded band, cut to the width between the margins. */
  void code(String text) throws IOException {
    ensure(LEADING + 4);
    y -= LEADING + 2;
    fill(MARGIN, y - 3, width(), LEADING + 1, SHADE_RGB);
    show(mono, 7.5f, MARGIN + PAD, y, fit(text, mono, 7.5f, width() - 2 * PAD), TEXT_RGB);
    y -= 3;
  }

  /** Starts a new page unless {@code height} points are left on this one. */
  void keep(float height) throws IOException {
    ensure(height);
  }

  void gap(float points) {
    y -= points;
  }

  /** A table; cells are strings or {@link Badge}s, wrapped to their column; the header repeats on a new page. */
  void table(List<Column> columns, List<List<Object>> rows) throws IOException {
    y -= 3;
    float headerHeight = LEADING + 2 * PAD;
    boolean first = true;
    for (List<Object> row : rows) {
      List<List<String>> cells = new ArrayList<>();
      int lines = 1;
      for (int i = 0; i < columns.size(); i++) {
        Object cell = row.get(i);
        List<String> wrapped = cell instanceof Badge ? List.of() : cellLines(String.valueOf(cell),
            columns.get(i).width() - 2 * PAD);
        cells.add(wrapped);
        lines = Math.max(lines, wrapped.size());
      }
      float height = lines * LEADING + 2 * PAD;
      if (first || y - height < BOTTOM) {
        if (!first || y - headerHeight - height < BOTTOM) {
          newPage();
        }
        header(columns);
        first = false;
      }
      float x = MARGIN;
      for (int i = 0; i < columns.size(); i++) {
        Column column = columns.get(i);
        if (row.get(i) instanceof Badge badge) {
          badge(x + PAD, y - PAD - LEADING + 0.5f, badge, 7, LEADING);
        }
        float lineY = y - PAD;
        for (String line : cells.get(i)) {
          lineY -= LEADING;
          float textX = x + PAD;
          if (column.align() == Align.RIGHT) {
            textX = x + column.width() - PAD - width(line, regular, SIZE);
          }
          show(regular, SIZE, textX, lineY + 2.5f, line, TEXT_RGB);
        }
        x += column.width();
      }
      y -= height;
      rule(MARGIN, y, MARGIN + tableWidth(columns), y, RULE_RGB);
    }
    y -= 6;
  }

  /** Horizontal bars, one per label, the series stacked, with a value label after each bar. */
  void bars(List<String> labels, List<Series> stacked, List<String> valueLabels) throws IOException {
    float labelWidth = 110;
    float valueWidth = 150;
    float plotX = MARGIN + labelWidth;
    float plotWidth = width() - labelWidth - valueWidth;
    if (stacked.size() > 1) {
      ensure(LEADING + 4);
      y -= LEADING + 2;
      float x = plotX;
      for (Series s : stacked) {
        fill(x, y - 1, 8, 8, s.rgb());
        show(regular, SIZE, x + 11, y, s.name(), TEXT_RGB);
        x += 11 + width(encode(s.name(), regular), regular, SIZE) + 16;
      }
    }
    double max = 0;
    for (int i = 0; i < labels.size(); i++) {
      double total = 0;
      for (Series s : stacked) {
        total += s.values()[i];
      }
      max = Math.max(max, total);
    }
    max = max <= 0 ? 1 : max;
    y -= 3;
    for (int i = 0; i < labels.size(); i++) {
      ensure(14);
      y -= 14;
      String label = fit(labels.get(i), regular, SIZE, labelWidth - 8);
      show(regular, SIZE, plotX - 6 - width(label, regular, SIZE), y + 2.5f, label, TEXT_RGB);
      fill(plotX, y, plotWidth, 10, SHADE_RGB);
      float x = plotX;
      for (Series s : stacked) {
        float w = (float) (s.values()[i] / max * plotWidth);
        if (w > 0) {
          fill(x, y, Math.max(w, 0.5f), 10, s.rgb());
        }
        x += w;
      }
      show(regular, SIZE, x + 5, y + 2.5f, fit(valueLabels.get(i), regular, SIZE, valueWidth - 8), MUTED_RGB);
    }
    y -= 8;
  }

  /** Closes the last page and writes {@code footer} and the page number at the foot of every page. */
  void finish(String footer) throws IOException {
    content.close();
    int pages = doc.getNumberOfPages();
    for (int i = 0; i < pages; i++) {
      try (PDPageContentStream foot = new PDPageContentStream(doc, doc.getPage(i),
          PDPageContentStream.AppendMode.APPEND, true, true)) {
        content = foot;
        rule(MARGIN, MARGIN + 8, MARGIN + width(), MARGIN + 8, RULE_RGB);
        show(regular, 7.5f, MARGIN, MARGIN, fit(footer, regular, 7.5f, width() - 80), MUTED_RGB);
        String page = "page " + (i + 1) + " of " + pages;
        show(regular, 7.5f, MARGIN + width() - width(page, regular, 7.5f), MARGIN, page, MUTED_RGB);
      }
    }
    content = null;
  }

  private void header(List<Column> columns) throws IOException {
    float height = LEADING + 2 * PAD;
    fill(MARGIN, y - height, tableWidth(columns), height, SHADE_RGB);
    float x = MARGIN;
    for (Column column : columns) {
      String text = fit(column.header(), bold, SIZE, column.width() - 2 * PAD);
      float textX = column.align() == Align.RIGHT
          ? x + column.width() - PAD - width(text, bold, SIZE) : x + PAD;
      show(bold, SIZE, textX, y - PAD - LEADING + 2.5f, text, TEXT_RGB);
      x += column.width();
    }
    y -= height;
  }

  private void badge(float x, float baseline, Badge badge, float size, float height) throws IOException {
    String text = encode(badge.text(), bold);
    float w = width(text, bold, size) + size * 1.4f;
    fill(x, baseline, w, height - 1, ReportText.rgb(badge.status()));
    show(bold, size, x + size * 0.7f, baseline + (height - 1 - size * 0.7f) / 2, text, 0xffffff);
  }

  private void ensure(float height) throws IOException {
    if (y - height < BOTTOM) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PAGE);
    doc.addPage(page);
    content = new PDPageContentStream(doc, page);
    y = PAGE.getHeight() - MARGIN;
  }

  private void show(PDFont font, float size, float x, float baseline, String text, int rgb) throws IOException {
    content.beginText();
    content.setFont(font, size);
    colour(rgb);
    content.newLineAtOffset(x, baseline);
    content.showText(encode(text, font));
    content.endText();
  }

  private void fill(float x, float bottom, float w, float h, int rgb) throws IOException {
    colour(rgb);
    content.addRect(x, bottom, w, h);
    content.fill();
  }

  private void rule(float x1, float y1, float x2, float y2, int rgb) throws IOException {
    content.setStrokingColor(red(rgb), green(rgb), blue(rgb));
    content.setLineWidth(0.5f);
    content.moveTo(x1, y1);
    content.lineTo(x2, y2);
    content.stroke();
  }

  private void colour(int rgb) throws IOException {
    content.setNonStrokingColor(red(rgb), green(rgb), blue(rgb));
  }

  /** {@code text} with what {@code font} cannot encode replaced by {@code ?}, control characters made visible. */
  String encode(String text, PDFont font) {
    String visible = ReportText.visible(text);
    Map<Integer, Boolean> known = encodable.computeIfAbsent(font, f -> new HashMap<>());
    StringBuilder s = new StringBuilder(visible.length());
    visible.codePoints().forEach(cp -> {
      boolean ok = known.computeIfAbsent(cp, c -> {
        try {
          font.encode(new String(Character.toChars(c)));
          return Boolean.TRUE;
        } catch (IllegalArgumentException | IOException e) {
          return Boolean.FALSE;
        }
      });
      s.append(ok ? new String(Character.toChars(cp)) : "?");
    });
    return s.toString();
  }

  /** {@code text} on one line of at most {@code width} points, ending in an ellipsis where cut. */
  private String fit(String text, PDFont font, float size, float width) throws IOException {
    String encoded = encode(text, font);
    if (width(encoded, font, size) <= width) {
      return encoded;
    }
    String ellipsis = "...";
    return encoded.substring(0, fitting(encoded, font, size, width - width(ellipsis, font, size))) + ellipsis;
  }

  /** A cell's text wrapped to its column, at most {@value #MAX_CELL_LINES} lines so a row fits on a page. */
  private List<String> cellLines(String text, float width) throws IOException {
    List<String> lines = lines(text, regular, SIZE, width);
    if (lines.size() <= MAX_CELL_LINES) {
      return lines;
    }
    List<String> cut = new ArrayList<>(lines.subList(0, MAX_CELL_LINES - 1));
    cut.add(fit(lines.get(MAX_CELL_LINES - 1) + " " + lines.get(MAX_CELL_LINES) + "...", regular, SIZE, width));
    return cut;
  }

  /** {@code text} wrapped at spaces to lines of at most {@code width} points; a longer word is broken. */
  private List<String> lines(String text, PDFont font, float size, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : encode(text, font).split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (width(candidate, font, size) <= width) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      while (word.length() > 1 && width(word, font, size) > width) {
        int end = Math.max(1, fitting(word, font, size, width));
        lines.add(word.substring(0, end));
        word = word.substring(end);
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /** How many leading characters of an encodable {@code text} fit in {@code width} points. */
  private static int fitting(String text, PDFont font, float size, float width) throws IOException {
    float used = 0;
    for (int i = 0; i < text.length(); i++) {
      used += font.getStringWidth(text.substring(i, i + 1)) / 1000 * size;
      if (used > width) {
        return i;
      }
    }
    return text.length();
  }

  private static float width(String encodable, PDFont font, float size) throws IOException {
    return font.getStringWidth(encodable) / 1000 * size;
  }

  private static float tableWidth(List<Column> columns) {
    float w = 0;
    for (Column c : columns) {
      w += c.width();
    }
    return w;
  }

  private static float red(int rgb) {
    return ((rgb >> 16) & 0xff) / 255f;
  }

  private static float green(int rgb) {
    return ((rgb >> 8) & 0xff) / 255f;
  }

  private static float blue(int rgb) {
    return (rgb & 0xff) / 255f;
  }
}
