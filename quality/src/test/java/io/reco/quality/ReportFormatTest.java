package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The three forms and their files, over the sample and over a run that saw nothing. */
class ReportFormatTest {
  private final QualityReport report = SampleReports.sample();

  @Test
  void namesTheThreeFiles() {
    assertEquals("report.json", ReportFormat.JSON.fileName());
    assertEquals("report.html", ReportFormat.HTML.fileName());
    assertEquals("report.pdf", ReportFormat.PDF.fileName());
  }

  @Test
  void rendersEachFormat() throws IOException {
    assertEquals(report, ReportJson.read(new ByteArrayInputStream(ReportFormat.JSON.render(report))));
    assertEquals(ReportHtml.render(report), new String(ReportFormat.HTML.render(report), StandardCharsets.UTF_8));
    assertTrue(new String(ReportFormat.PDF.render(report), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
  }

  @Test
  void rendersARunThatSawNothing() throws IOException {
    QualityReport empty = new QualityReport("validate-empty", "2026-12-01T12:00:00Z", "2026-11-30", "2026-11-30",
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of());

    String html = new String(ReportFormat.HTML.render(empty), StandardCharsets.UTF_8);
    assertTrue(html.contains("No checks were made."));
    assertTrue(html.contains("No record was rejected."));
    assertTrue(html.contains("<span class=\"badge big PASS\">PASS</span>"), "no check, nothing failed");
    assertFalse(html.contains("<svg"), "no chart without data");
    try (PDDocument pdf = Loader.loadPDF(ReportFormat.PDF.render(empty))) {
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.contains("No record was rejected."), text);
      assertTrue(text.contains("page 1 of 1"), text);
    }
    assertEquals(empty, ReportJson.read(new ByteArrayInputStream(ReportFormat.JSON.render(empty))));
  }

  @Test
  void leavesTheStreamOpen() throws IOException {
    for (ReportFormat format : ReportFormat.values()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      OutputStream out = new FilterOutputStream(bytes) {
        @Override
        public void close() {
          throw new AssertionError(format + " closed the caller's stream");
        }
      };
      format.write(report, out);
      assertTrue(bytes.size() > 1000, format + " wrote " + bytes.size() + " bytes");
    }
  }
}
