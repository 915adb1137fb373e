package io.reco.quality;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The three files of a report, by name, each rendered to bytes so a caller can write them to any file system
 * (HDFS, S3, local) without this module knowing about it.
 */
public enum ReportFormats {
  /** {@code report.json}: for machines and for the next run. */
  JSON("report.json"),
  /** {@code report.html}: for people, with charts. */
  HTML("report.html"),
  /** {@code report.pdf}: for the record. */
  PDF("report.pdf");

  private final String fileName;

  ReportFormats(String fileName) {
    this.fileName = fileName;
  }

  /** The file name, e.g. {@code report.json}. */
  public String fileName() {
    return fileName;
  }

  /** {@code report} in this format; text formats are UTF-8. */
  public byte[] render(QualityReport report) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (this) {
        case JSON -> ReportJson.write(report, out);
        case HTML -> out.write(ReportHtml.render(report).getBytes(StandardCharsets.UTF_8));
        case PDF -> ReportPdf.write(report, out);
      }
      return out.toByteArray();
    } catch (IOException e) {
      // Writing to memory fails only on a defect of the rendering.
      throw new UncheckedIOException("cannot render " + fileName, e);
    }
  }
}
