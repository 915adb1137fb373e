package io.reco.quality;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The report as {@code report.pdf}, for the record: the sections of the HTML page in the same order, as text tables
 * with bar charts for volumes, event types and days, on numbered A4 pages.
 */
public final class ReportPdf {
  private static final int EXAMPLE_LENGTH = 240;
  private static final int PROSE_LENGTH = 1000;

  private ReportPdf() {
  }

  /** The document title: {@code reco data quality report <runId>}. */
  static String title(QualityReport report) {
    return "reco data quality report " + report.runId();
  }

  /** Writes {@code report} as a PDF; {@code out} is left open. */
  public static void write(QualityReport report, OutputStream out) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(ReportText.visible(title(report)));
      info.setSubject("Data quality of run " + report.runId() + ", " + report.from() + " to " + report.to());
      info.setCreator("reco");
      PdfCanvas pdf = new PdfCanvas(doc);
      header(pdf, report);
      checks(pdf, report.checks());
      volumes(pdf, report.sources());
      reconciliation(pdf, report.stages());
      eventTypes(pdf, report.eventTypes());
      days(pdf, report.days());
      nullRates(pdf, report.nullRates());
      rejects(pdf, report.rejects());
      violations(pdf, report.rejects());
      freshness(pdf, report.freshness());
      distributions(pdf, report.distributions());
      pdf.finish(title(report));
      // PDFBox closes the stream it saves to; the caller's stays open.
      doc.save(bytes);
    }
    bytes.writeTo(out);
  }

  private static void header(PdfCanvas pdf, QualityReport r) throws IOException {
    pdf.title("Data quality report");
    pdf.paragraph("Run " + r.runId(), false);
    pdf.paragraph("Range " + r.from() + " to " + r.to() + ", generated " + r.generatedAt(), false);
    long fail = r.checks().stream().filter(c -> c.status() == Status.FAIL).count();
    long warn = r.checks().stream().filter(c -> c.status() == Status.WARN).count();
    pdf.paragraph(r.checks().size() + " checks: " + fail + " failed, " + warn + " warned, "
        + (r.checks().size() - fail - warn) + " passed.", true);
    pdf.badgeLine("Overall", new PdfCanvas.Badge(r.status(), r.status().name()));
  }

  private static void checks(PdfCanvas pdf, List<Check> checks) throws IOException {
    pdf.heading("Checks");
    if (checks.isEmpty()) {
      pdf.paragraph("No checks were made.", true);
      return;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Check c : checks) {
      rows.add(List.of(c.name(), new PdfCanvas.Badge(c.status(), c.status().name()), Checks.format(c.value()),
          ReportText.number(c.warnAt()), ReportText.number(c.failAt()), ReportText.visible(c.message())));
    }
    pdf.table(List.of(left("Check", 142), left("Status", 36), right("Value", 50), right("Warn at", 50),
        right("Fail at", 50), left("Message", pdf.width() - 328)), rows);
  }

  private static void volumes(PdfCanvas pdf, List<SourceVolume> sources) throws IOException {
    pdf.heading("Volumes by source");
    if (sources.isEmpty()) {
      pdf.paragraph("No source was read.", true);
      return;
    }
    List<List<Object>> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> values = new ArrayList<>();
    double[] clean = new double[sources.size()];
    double[] rejected = new double[sources.size()];
    for (int i = 0; i < sources.size(); i++) {
      SourceVolume v = sources.get(i);
      rows.add(List.of(v.source(), ReportText.count(v.read()), ReportText.count(v.clean()),
          ReportText.count(v.rejected()), ReportText.share(v.rejected(), v.read())));
      labels.add(v.source());
      values.add(ReportText.count(v.read()) + " read, " + ReportText.share(v.rejected(), v.read()) + " rejected");
      clean[i] = v.clean();
      rejected[i] = v.rejected();
    }
    pdf.table(List.of(left("Source", 150), right("Read", 90), right("Clean", 90), right("Rejected", 90),
        right("Rejected share", pdf.width() - 420)), rows);
    pdf.bars(labels, List.of(new PdfCanvas.Series("clean", ReportText.PRIMARY_RGB, clean),
        new PdfCanvas.Series("rejected", ReportText.REJECTED_RGB, rejected)), values);
  }

  private static void reconciliation(PdfCanvas pdf, List<Stage> stages) throws IOException {
    pdf.heading("Reconciliation by stage");
    pdf.paragraph("Every record a stage reads is kept or removed: read = kept + removed.", true);
    if (stages.isEmpty()) {
      pdf.paragraph("No stage ran.", true);
      return;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Stage s : stages) {
      rows.add(List.of(s.name(), s.source(), ReportText.equation(s, "!="),
          new PdfCanvas.Badge(s.reconciles() ? Status.PASS : Status.FAIL, s.reconciles() ? "yes" : "no")));
    }
    pdf.table(List.of(left("Stage", 90), left("Source", 80), left("Equation: read = kept + removed",
        pdf.width() - 230), left("Reconciles", 60)), rows);
  }

  private static void eventTypes(PdfCanvas pdf, List<Count> eventTypes) throws IOException {
    pdf.heading("Valid events by event type");
    if (eventTypes.isEmpty()) {
      pdf.paragraph("No valid events.", true);
      return;
    }
    long total = ReportText.total(eventTypes);
    pdf.paragraph(ReportText.count(total) + " events that met the schema and value rules.", true);
    ReportText.Bars bars = ReportText.bars(eventTypes);
    pdf.bars(bars.labels(), List.of(new PdfCanvas.Series("valid events", ReportText.PRIMARY_RGB, bars.lengths())),
        bars.values());
  }

  private static void days(PdfCanvas pdf, List<Count> days) throws IOException {
    pdf.heading("Events by day");
    if (days.isEmpty()) {
      pdf.paragraph("No events were read.", true);
      return;
    }
    pdf.paragraph(ReportText.count(ReportText.total(days)) + " events read over " + days.size()
        + (days.size() == 1 ? " day" : " days") + ", by event date.", true);
    List<String> labels = new ArrayList<>();
    List<String> values = new ArrayList<>();
    double[] counts = new double[days.size()];
    for (int i = 0; i < days.size(); i++) {
      labels.add(days.get(i).name());
      values.add(ReportText.count(days.get(i).count()));
      counts[i] = days.get(i).count();
    }
    pdf.bars(labels, List.of(new PdfCanvas.Series("events", ReportText.PRIMARY_RGB, counts)), values);
  }

  private static void nullRates(PdfCanvas pdf, List<FieldNullRate> rates) throws IOException {
    pdf.heading("Null rate by field");
    if (rates.isEmpty()) {
      pdf.paragraph("No field was measured.", true);
      return;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (FieldNullRate r : rates) {
      rows.add(List.of(r.source(), r.field(), ReportText.count(r.nulls()), ReportText.count(r.total()),
          ReportText.percent(r.rate()), r.maxRate() == null ? "-" : ReportText.percent(r.maxRate()),
          new PdfCanvas.Badge(r.status(), r.status().name())));
    }
    pdf.table(List.of(left("Source", 90), left("Field", pdf.width() - 400), right("Nulls", 70), right("Records", 70),
        right("Rate", 60), right("Max rate", 60), left("Status", 50)), rows);
  }

  private static void rejects(PdfCanvas pdf, List<Rejects> rejects) throws IOException {
    pdf.heading("Rejects by reason");
    if (rejects.isEmpty()) {
      pdf.paragraph("No record was rejected.", true);
      return;
    }
    long total = rejects.stream().mapToLong(Rejects::count).sum();
    pdf.paragraph(ReportText.count(total) + " records quarantined, with the reason and a few examples each.", true);
    List<List<Object>> rows = new ArrayList<>();
    for (Rejects r : rejects) {
      rows.add(List.of(r.source(), r.reason(), ReportText.count(r.count()), ReportText.byField(r)));
    }
    pdf.table(List.of(left("Source", 90), left("Reason", 120), right("Count", 60), left("By field",
        pdf.width() - 270)), rows);
    for (Rejects r : rejects) {
      if (r.examples().isEmpty()) {
        continue;
      }
      pdf.subheading("Examples: " + r.source() + ", " + r.reason());
      for (RejectExample e : r.examples()) {
        pdf.keep(3 * 12);
        pdf.paragraph(ReportText.cut(e.position() + (e.field() == null ? "" : " - field " + e.field()) + " - "
            + e.message(), PROSE_LENGTH), false);
        pdf.code(ReportText.cut(ReportText.visible(e.record()), EXAMPLE_LENGTH));
        pdf.gap(3);
      }
    }
  }

  private static void violations(PdfCanvas pdf, List<Rejects> rejects) throws IOException {
    pdf.heading("Range and referential violations");
    List<ReportText.Violation> violations = ReportText.violations(rejects);
    if (violations.isEmpty()) {
      pdf.paragraph("No range or referential violation.", true);
      return;
    }
    pdf.paragraph("Range: a value of the right type outside what is allowed. Referential: an id that refers to "
        + "nothing.", true);
    List<List<Object>> rows = new ArrayList<>();
    for (ReportText.Violation v : violations) {
      rows.add(List.of(v.kind(), v.source(), v.reason(), v.field(), ReportText.count(v.count())));
    }
    pdf.table(List.of(left("Kind", 70), left("Source", 90), left("Reason", 130), left("Field", pdf.width() - 370),
        right("Count", 80)), rows);
  }

  private static void freshness(PdfCanvas pdf, Freshness f) throws IOException {
    pdf.heading("Freshness");
    if (f == null) {
      pdf.paragraph("Not measured.", true);
      return;
    }
    pdf.table(List.of(left("Newest raw file landed", 190), left("Newest event", 190),
        right("Hours since landed", pdf.width() - 380)), List.of(List.of(ReportText.orNone(f.newestLanded()),
        ReportText.orNone(f.newestEvent()), Checks.format(f.hoursSinceLanded()))));
  }

  private static void distributions(PdfCanvas pdf, List<Distribution> distributions) throws IOException {
    pdf.heading("Distributions against the previous run");
    if (distributions.isEmpty()) {
      pdf.paragraph("No distribution was measured.", true);
      return;
    }
    for (Distribution d : distributions) {
      pdf.subheading(d.name() + ": " + ReportText.psiLine(d));
      List<String> buckets = ReportText.buckets(d);
      double[] current = ReportText.shares(d.current(), buckets);
      double[] previous = ReportText.shares(d.previous(), buckets);
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        rows.add(List.of(buckets.get(i), ReportText.percent(current[i]),
            d.previous().isEmpty() ? "-" : ReportText.percent(previous[i])));
      }
      pdf.table(List.of(left("Bucket", 200), right("This run", 90), right("Previous run", 90)), rows);
    }
    pdf.paragraph("Population stability index: below 0.1 stable, 0.1 to 0.25 moved, above 0.25 shifted.", true);
  }

  private static PdfCanvas.Column left(String header, float width) {
    return new PdfCanvas.Column(header, width, PdfCanvas.Align.LEFT);
  }

  private static PdfCanvas.Column right(String header, float width) {
    return new PdfCanvas.Column(header, width, PdfCanvas.Align.RIGHT);
  }
}
