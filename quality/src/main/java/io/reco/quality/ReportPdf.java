package io.reco.quality;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;

/** The report's PDF form, apart from {@link ReportFormat} so that the other forms need none of its libraries. */
final class ReportPdf {
  static {
    // the page's CSS holds properties for browsers that the PDF renderer skips; it need not say so on every run
    XRLog.setLevel(XRLog.CSS_PARSE, Level.SEVERE);
    XRLog.setLevel(XRLog.LOAD, Level.WARNING);
    XRLog.setLevel(XRLog.MATCH, Level.WARNING);
    XRLog.setLevel(XRLog.GENERAL, Level.WARNING);
  }

  private ReportPdf() {
  }

  /** The HTML page laid out on A4 pages onto {@code out}, which stays open. */
  static void write(QualityReport report, OutputStream out) throws IOException {
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useSVGDrawer(new BatikSVGDrawer());
    builder.withHtmlContent(ReportHtml.render(report), null);
    builder.toStream(pdf);
    builder.run();
    // the renderer closes the stream it writes to; the caller's stays open
    pdf.writeTo(out);
  }
}
