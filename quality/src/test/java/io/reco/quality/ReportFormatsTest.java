package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {
  private final QualityReport report = SampleReports.sample();

  @Test
  void namesTheThreeFiles() {
    assertEquals("report.json", ReportFormats.JSON.fileName());
    assertEquals("report.html", ReportFormats.HTML.fileName());
    assertEquals("report.pdf", ReportFormats.PDF.fileName());
  }

  @Test
  void rendersEachFormat() throws IOException {
    assertEquals(report, ReportJson.read(new ByteArrayInputStream(ReportFormats.JSON.render(report))));
    assertEquals(ReportHtml.render(report), new String(ReportFormats.HTML.render(report), StandardCharsets.UTF_8));
    assertTrue(new String(ReportFormats.PDF.render(report), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
  }
}
