package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PDF as a reader sees it: the sample report's text read back from the file, and its charts drawn. */
class ReportPdfTest {
  private static byte[] pdf;
  private static String text;
  private static List<String> lines;

  @BeforeAll
  static void render() throws IOException {
    pdf = ReportFormat.PDF.render(SampleReports.sample());
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      text = new PDFTextStripper().getText(doc);
    }
    lines = Arrays.stream(text.split("\\R")).map(String::strip).toList();
  }

  @Test
  void isTitledByTheRun() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals("reco data quality report " + SampleReports.RUN_ID, doc.getDocumentInformation().getTitle());
      assertEquals("Data quality of run " + SampleReports.RUN_ID + ", 2026-11-24 to 2026-11-30",
          doc.getDocumentInformation().getSubject());
    }
  }

  @Test
  void holdsEverySectionHeadingInOrder() {
    int at = lines.indexOf("Data quality report");
    assertTrue(at >= 0, text);
    for (ReportHtml.Section section : ReportHtml.Section.values()) {
      int heading = lines.subList(at + 1, lines.size()).indexOf(section.title());
      assertTrue(heading >= 0, section.title() + " after line " + at + ":\n" + text);
      at += 1 + heading;
    }
  }

  @Test
  void namesTheRunItsRangeAndItsOutcome() {
    assertTrue(lines.contains(SampleReports.RUN_ID), text);
    assertTrue(lines.contains("2026-11-24 to 2026-11-30"), text);
    assertTrue(lines.contains("8 checks: 1 failed, 2 warned, 5 passed."), text);
    assertEquals("FAIL", lines.get(lines.indexOf("overall") + 1), "the overall badge");
  }

  @Test
  void listsEveryCheckWithItsStatusValueAndThresholds() {
    List<String> rows = List.of(
        "volume PASS 0 0.2 0.5",
        "reject_rate:clickstream PASS 0.00404 0.005 0.01",
        "null_rate:clickstream.product_id FAIL 0.03 - 0.02",
        "referential:order_items WARN 0.001049 0.0005 0.01",
        "freshness PASS 2.333 6 24",
        "drift:event_type PASS 0.0006514 0.1 0.25",
        "drift:price_band WARN 0.1616 0.05 0.25",
        "unaccounted PASS 0 - 0");
    assertEquals(SampleReports.sample().checks().size(), rows.size());
    for (String row : rows) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(row + " ")), row + " in\n" + text);
    }
  }

  @Test
  void countsTheVolumesOfEverySource() {
    for (String row : List.of(
        "clickstream 1,284,310 1,279,122 5,188 0.40%",
        "orders 48,220 48,101 119 0.25%",
        "order_items 131,540 131,402 138 0.10%",
        "catalog 52,300 52,288 12 0.02%",
        "customers 210,455 210,455 0 0.00%",
        "all sources 1,726,825 1,721,368 5,457 0.32%")) {
      assertTrue(lines.contains(row), row + " in\n" + text);
    }
  }

  @Test
  void reconcilesEveryStage() {
    assertTrue(lines.contains("validate clickstream 1,284,310 1,279,122 quarantined 5,188 1,284,310 = 1,279,122 kept"
        + " + 5,188 quarantined yes"), text);
    assertTrue(text.contains("1,261,500 = 1,258,734 kept + 2,311 unknown_product +"), text);
    String section = text.substring(text.indexOf("Reconciliation by stage"), text.indexOf("Valid events by"));
    assertEquals(SampleReports.sample().stages().size(), Pattern.compile("\\byes\\b").matcher(section).results()
        .count(), "every stage reconciles: " + section);
  }

  @Test
  void totalsTheEventsByTypeAndByDay() {
    assertTrue(lines.contains("1,258,734 events that met the schema and value rules."), text);
    assertTrue(lines.contains("1,284,310 events read over 7 days, by event date."), text);
  }

  @Test
  void ratesTheNullsOfEveryField() {
    for (String row : List.of(
        "clickstream user_id 0 1,284,310 0.00% 0.00% PASS",
        "clickstream session_id 1,204 1,284,310 0.09% 1.00% PASS",
        "clickstream product_id 38,529 1,284,310 3.00% 2.00% FAIL",
        "orders customer_id 96 48,220 0.20% 0.50% PASS",
        "orders coupon_code 31,200 48,220 64.70% - PASS",
        "catalog price 0 52,300 0.00% 0.00% PASS")) {
      assertTrue(lines.contains(row), row + " in\n" + text);
    }
  }

  @Test
  void countsTheRejectsWithTheirExamples() {
    assertTrue(lines.contains("5,457 records quarantined, with the reason and a few examples each."), text);
    for (String row : List.of(
        "clickstream INVALID_TIMESTAMP 3,020 event_time 3,020",
        "clickstream UNKNOWN_EVENT_TYPE 1,902 event_type 1,902",
        "clickstream MALFORMED_RECORD 266 - 266",
        "orders INVALID_VALUE 119 total_amount 101, quantity 18",
        "order_items UNKNOWN_REFERENCE 138 order_id 138",
        "catalog MISSING_FIELD 12 product_id 12")) {
      assertTrue(lines.contains(row), row + " in\n" + text);
    }
    assertTrue(text.contains(SampleReports.HOSTILE_POSITION), "example position");
    assertTrue(text.contains("<script>alert('x')</script>"), "markup in a record is text, not markup");
  }

  @Test
  void showsControlCharactersAndMarksWhatItsFontsCannotPrint() {
    assertTrue(text.contains("\\\"hi\\\" #\\u0007\"}"), "emoji beyond the standard fonts, BEL made visible: " + text);
  }

  @Test
  void tablesTheViolationsFreshnessAndDrift() {
    for (String row : List.of(
        "referential order_items UNKNOWN_REFERENCE order_id 138",
        "range orders INVALID_VALUE quantity 18",
        "Hours since landed 2.333",
        "Newest raw file landed 2026-12-01T09:40:12Z",
        "event_type \u00b7 PSI 0.0006514 stable",
        "price_band \u00b7 PSI 0.1616 moved",
        "device no previous run")) {
      assertTrue(lines.contains(row), row + " in\n" + text);
    }
  }

  @Test
  void numbersItsPages() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      int pages = doc.getNumberOfPages();
      assertTrue(pages > 1, "the sample spans pages: " + pages);
      for (int page = 1; page <= pages; page++) {
        assertTrue(lines.contains("page " + page + " of " + pages), "page " + page + " of " + pages);
      }
    }
  }

  @Test
  void drawsEveryChartOfThePage() throws IOException {
    int forms = 0;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          forms += page.getResources().getXObject(name) instanceof PDFormXObject ? 1 : 0;
        }
      }
    }
    // volumes by source, event types, days, and one per distribution, as on the page
    assertEquals(3 + SampleReports.sample().distributions().size(), forms);
  }

  @Test
  void drawsTheChartsInTheirColours() throws IOException {
    int primary = 0;
    int previous = 0;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFRenderer renderer = new PDFRenderer(doc);
      for (int page = 0; page < doc.getNumberOfPages(); page++) {
        BufferedImage image = renderer.renderImageWithDPI(page, 36);
        primary += pixels(image, ReportText.PRIMARY_RGB);
        previous += pixels(image, ReportText.PREVIOUS_RGB);
      }
    }
    // at 36 dpi a chart's bars cover thousands of pixels; nothing else on the page has these colours
    assertTrue(primary > 2_000, "bars of this run: " + primary + " pixels");
    assertTrue(previous > 500, "bars of the previous run: " + previous + " pixels");
  }

  @Test
  void breaksLongRejectListsOverPages() throws IOException {
    int pages;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      pages = doc.getNumberOfPages();
    }
    try (PDDocument doc = Loader.loadPDF(ReportFormat.PDF.render(SampleReports.withManyRejects(80)))) {
      String many = new PDFTextStripper().getText(doc);
      int n = doc.getNumberOfPages();

      assertTrue(n > pages, n + " pages against " + pages);
      assertTrue(many.contains("LAST_REASON"), "the last reject group");
      assertTrue(many.contains("catalog/dt=2026-11-30/products-79.csv:3"), "the last example");
      assertTrue(many.contains("page " + n + " of " + n), "the last page is numbered");
      assertTrue(many.indexOf("Distributions against the previous run") > many.indexOf("LAST_REASON"),
          "sections after the rejects");
    }
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
