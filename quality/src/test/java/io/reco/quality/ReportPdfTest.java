package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportPdfTest {
  @Test
  void holdsTheRunItsChecksAndItsRejects() throws IOException {
    QualityReport report = SampleReports.sample();
    try (PDDocument pdf = Loader.loadPDF(write(report))) {
      String text = new PDFTextStripper().getText(pdf);

      assertEquals("reco data quality report " + SampleReports.RUN_ID, pdf.getDocumentInformation().getTitle());
      assertTrue(text.contains(SampleReports.RUN_ID), "run id");
      for (Check c : report.checks()) {
        assertTrue(text.contains(c.name()), c.name());
      }
      assertTrue(text.contains("UNKNOWN_EVENT_TYPE"), "reject reason");
      assertTrue(text.contains(SampleReports.HOSTILE_POSITION), "example position");
      assertTrue(text.contains("say \\\"hi\\\" ?\\u0007"), "emoji replaced, control char made visible");
      assertTrue(text.contains("page 1 of " + pdf.getNumberOfPages()), "page number in the footer");
    }
  }

  @Test
  void breaksLongRejectListsOverPages() throws IOException {
    int pages;
    try (PDDocument pdf = Loader.loadPDF(write(SampleReports.sample()))) {
      pages = pdf.getNumberOfPages();
    }
    try (PDDocument pdf = Loader.loadPDF(write(SampleReports.withManyRejects(80)))) {
      String text = new PDFTextStripper().getText(pdf);
      int n = pdf.getNumberOfPages();

      assertTrue(n >= 2 && n > pages, n + " pages against " + pages);
      assertTrue(text.contains("LAST_REASON"), "the last reject group");
      assertTrue(text.contains("catalog/dt=2026-11-30/products-79.csv:3"), "the last example");
      assertTrue(text.contains("page " + n + " of " + n), "the last page is numbered");
      assertTrue(text.contains("Distributions against the previous run"), "sections after the rejects");
    }
  }

  private static byte[] write(QualityReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportPdf.write(report, out);
    return out.toByteArray();
  }
}
