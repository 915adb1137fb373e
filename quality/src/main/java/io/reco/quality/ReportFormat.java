package io.reco.quality;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The three forms of a report and the file each is written to: JSON for machines (and the next run), HTML with
 * charts for people, PDF for the record. Callers write the bytes to whatever file system holds the run.
 */
public enum ReportFormat {
  /** {@code report.json}, read back by {@link #readJson}. */
  JSON("report.json") {
    @Override
    public void write(QualityReport report, OutputStream out) throws IOException {
      ReportJson.write(report, out);
    }
  },
  /** {@code report.html}: one self-contained page. */
  HTML("report.html") {
    @Override
    public void write(QualityReport report, OutputStream out) throws IOException {
      out.write(ReportHtml.render(report).getBytes(StandardCharsets.UTF_8));
    }
  },
  /**
   * {@code report.pdf}: the HTML page laid out on numbered A4 pages by its print styles, charts included. Its text
   * is set in the standard PDF fonts, which print a character outside their WinAnsi set (an emoji in a quarantined
   * record) as {@code #}.
   */
  PDF("report.pdf") {
    @Override
    public void write(QualityReport report, OutputStream out) throws IOException {
      ReportPdf.write(report, out);
    }

    @Override
    public boolean available() {
      try {
        // by name, not through ReportPdf: verifying that class needs the renderer's
        Class.forName("com.openhtmltopdf.pdfboxout.PdfRendererBuilder", false, ReportFormat.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  };

  private final String fileName;

  ReportFormat(String fileName) {
    this.fileName = fileName;
  }

  /** The file name of this form. */
  public String fileName() {
    return fileName;
  }

  /**
   * Whether this form can be written here: the PDF's renderer is not in the jobs jar that a cluster runs (the HTML
   * page prints the same pages from a browser), only on {@code bin/reco}'s classpath.
   */
  public boolean available() {
    return true;
  }

  /** Renders {@code report} in this form onto {@code out}. */
  public abstract void write(QualityReport report, OutputStream out) throws IOException;

  /** {@code report} in this form, as the bytes of its file. */
  public byte[] render(QualityReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(report, out);
    } catch (IOException e) {
      // Memory does not fail to write; this is a defect of the rendering.
      throw new UncheckedIOException("cannot render " + fileName, e);
    }
    return out.toByteArray();
  }

  /** Reads a report written in {@link #JSON} form. */
  public static QualityReport readJson(InputStream in) throws IOException {
    return ReportJson.read(in);
  }
}
