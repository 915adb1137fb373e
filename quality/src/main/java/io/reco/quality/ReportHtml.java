package io.reco.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as {@code report.html}: one self-contained page for people, checks first, then what the run saw, with
 * charts as inline SVG. No script and no external resource, so it opens the same from any file system or mail. The
 * page is well-formed XHTML with print styles, so {@link ReportFormat#PDF} lays out the same page on A4.
 */
public final class ReportHtml {
  /** The sections of the page, in order: their anchor, their name in the navigation and their heading. */
  enum Section {
    CHECKS("checks", "Checks", "Checks"),
    VOLUMES("volumes", "Volumes", "Volumes by source"),
    RAW_FILES("raw-files", "Raw files", "Raw files"),
    RECONCILIATION("reconciliation", "Reconciliation", "Reconciliation by stage"),
    EVENT_TYPES("event-types", "Event types", "Valid events by event type"),
    DAYS("days", "Days", "Events by day"),
    NULL_RATES("null-rates", "Null rates", "Null rate by field"),
    REJECTS("rejects", "Rejects", "Rejects by reason"),
    VIOLATIONS("violations", "Violations", "Range and referential violations"),
    FRESHNESS("freshness", "Freshness", "Freshness"),
    DISTRIBUTIONS("distributions", "Distributions", "Distributions against the previous run");

    private final String id;
    private final String link;
    private final String title;

    Section(String id, String link, String title) {
      this.id = id;
      this.link = link;
      this.title = title;
    }

    /** The section's heading. */
    String title() {
      return title;
    }
  }

  private static final int EXAMPLE_LENGTH = 240;
  private static final int NAME_LENGTH = 64;
  private static final int PROSE_LENGTH = 1000;

  private static final String CSS = """
      @page{size:A4;margin:14mm 12mm 16mm;
        @bottom-center{content:"page " counter(page) " of " counter(pages);font-size:9px;color:#59636e}}
      *{box-sizing:border-box}
      body{margin:0;background:#f3f5f8;color:#1f2328;
        font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      main{max-width:1120px;margin:0 auto;padding:22px 28px 40px}
      header.top{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:18px 22px;margin-bottom:10px}
      header.top>div{display:table-cell;vertical-align:middle;width:100%}
      header.top>div.overall{width:auto;padding-left:24px}
      h1{font-size:22px;margin:0 0 8px}
      h2{font-size:17px;margin:0 0 10px;page-break-after:avoid}
      h3{font-size:14px;margin:18px 0 6px;page-break-after:avoid}
      .meta{margin:0}
      .meta dt{float:left;clear:left;width:92px;color:#59636e}
      .meta dd{margin:0 0 0 92px}
      .overall{text-align:center;color:#59636e;font-size:12px;white-space:nowrap}
      .summary{margin:8px 0 0;color:#424a53}
      nav{margin:0 0 16px;font-size:13px;color:#59636e}
      nav a{color:#0b5cad;text-decoration:none;margin-right:14px}
      section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:14px 20px 18px;margin-bottom:16px}
      p.note{margin:0 0 10px;color:#59636e}
      table{border-collapse:collapse;width:100%;font-size:13px}
      tr{page-break-inside:avoid}
      th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e8eb;vertical-align:top}
      td{overflow-wrap:break-word}
      td.text{overflow-wrap:anywhere;word-wrap:break-word}
      th{background:#f6f8fa;font-weight:600;color:#424a53;white-space:nowrap}
      .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr.row-FAIL td{background:#fff4f4}
      tr.row-WARN td{background:#fff9ec}
      code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
      td code{white-space:nowrap}
      table.rejects code{white-space:normal;overflow-wrap:anywhere}
      table.files{table-layout:fixed}
      table.files th{white-space:normal}
      table.files .badge{letter-spacing:0}
      table.files code{white-space:normal;overflow-wrap:anywhere}
      ul.problems{margin:0 0 10px;padding-left:20px;overflow-wrap:anywhere}
      table.facts{width:auto;min-width:50%}
      table.facts th{padding-right:40px}
      tr.total td{font-weight:600;border-top:2px solid #d0d7de}
      .badge{display:inline-block;min-width:52px;text-align:center;padding:2px 9px;border-radius:999px;color:#fff;
        font-weight:700;font-size:12px;letter-spacing:.04em;white-space:nowrap;overflow-wrap:normal}
      .badge.big{font-size:20px;min-width:104px;padding:8px 20px;margin-top:4px}
      .PASS{background:#1a7f37}
      .WARN{background:#b86e00}
      .FAIL{background:#cf222e}
      .reading{display:inline-block;padding:1px 8px;border:1px solid #8c959f;border-radius:999px;font-size:12px;
        color:#424a53;margin-left:6px}
      table.rejects{table-layout:fixed}
      tr.group td{border-bottom:none;background:#fafbfc}
      .examples td{padding-top:0}
      .example{margin:4px 0 8px;page-break-inside:avoid}
      .example .where{font-size:12px;color:#424a53;overflow-wrap:anywhere}
      pre{margin:3px 0 0;padding:6px 8px;background:#f6f8fa;border:1px solid #e5e8eb;border-radius:4px;
        white-space:pre;overflow:hidden;text-overflow:ellipsis}
      svg.chart{display:block;width:100%;height:auto;margin:8px 0 4px;page-break-inside:avoid}
      footer{color:#59636e;font-size:12px;text-align:center}
      @media print{
        body{background:#fff;font-size:10.5px}
        main{max-width:none;padding:0}
        header.top,section{border:none;border-top:1px solid #d0d7de;border-radius:0;padding:8px 0 4px;margin:0}
        h1{font-size:18px}
        h2{font-size:14px}
        h3{font-size:11.5px}
        nav,.summary,.overall,.reading,.example .where,footer{font-size:9.5px}
        table{font-size:9.5px;-fs-table-paginate:paginate}
        th,td{padding:4px 5px}
        code,pre{font-size:9px}
        .badge{font-size:9px;min-width:40px;padding:1px 6px}
        .badge.big{font-size:16px;min-width:90px;padding:6px 14px}
      }
      """;

  private ReportHtml() {
  }

  /** The document's title: {@code reco data quality report <runId>}. */
  static String title(QualityReport report) {
    return "reco data quality report " + report.runId();
  }

  /** The page, UTF-8 text. */
  public static String render(QualityReport report) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<meta name=\"subject\" content=\"").append(escape("Data quality of run " + report.runId() + ", "
            + report.from() + " to " + report.to())).append("\"/>\n")
        .append("<title>").append(escape(title(report))).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    header(h, report);
    checks(h, report.checks());
    volumes(h, report.sources());
    rawFiles(h, report.files());
    reconciliation(h, report.stages());
    eventTypes(h, report.eventTypes());
    days(h, report.days());
    nullRates(h, report.nullRates());
    rejects(h, report.rejects());
    violations(h, report.rejects());
    freshness(h, report.freshness());
    distributions(h, report.distributions(), report.checks());
    h.append("<footer>").append(escape(title(report))).append("</footer>\n");
    return h.append("</main>\n</body>\n</html>\n").toString();
  }

  /** Text as XML and HTML: markup characters escaped, control characters made visible. */
  static String escape(String text) {
    String visible = ReportText.visible(text);
    StringBuilder s = new StringBuilder(visible.length() + 16);
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  private static void header(StringBuilder h, QualityReport r) {
    long fail = r.checks().stream().filter(c -> c.status() == Status.FAIL).count();
    long warn = r.checks().stream().filter(c -> c.status() == Status.WARN).count();
    h.append("<header class=\"top\">\n<div>\n<h1>Data quality report</h1>\n<dl class=\"meta\">\n")
        .append("<dt>Run</dt><dd><code>").append(escape(r.runId())).append("</code></dd>\n")
        .append("<dt>Range</dt><dd>").append(escape(r.from())).append(" to ").append(escape(r.to()))
        .append("</dd>\n")
        .append("<dt>Generated</dt><dd>").append(escape(r.generatedAt())).append("</dd>\n</dl>\n")
        .append("<p class=\"summary\">").append(r.checks().size()).append(" checks: ").append(fail)
        .append(" failed, ").append(warn).append(" warned, ").append(r.checks().size() - fail - warn)
        .append(" passed.</p>\n</div>\n")
        .append("<div class=\"overall\">overall<br/>").append(badge(r.status(), r.status().name(), true))
        .append("</div>\n</header>\n<nav>");
    for (Section section : Section.values()) {
      h.append("<a href=\"#").append(section.id).append("\">").append(escape(section.link)).append("</a>");
    }
    h.append("</nav>\n");
  }

  private static void checks(StringBuilder h, List<Check> checks) {
    open(h, Section.CHECKS);
    if (checks.isEmpty()) {
      none(h, "No checks were made.");
    } else {
      table(h, null, "<th>Check</th><th>Status</th><th class=\"num\">Value</th><th class=\"num\">Warn at</th>"
          + "<th class=\"num\">Fail at</th><th>Message</th>");
      for (Check c : checks) {
        h.append("<tr class=\"row-").append(c.status().name()).append("\"><td><code>").append(name(c.name()))
            .append("</code></td><td>").append(badge(c.status(), c.status().name(), false)).append("</td>")
            .append(num(Checks.format(c.value()))).append(num(ReportText.number(c.warnAt())))
            .append(num(ReportText.number(c.failAt()))).append("<td class=\"text\">").append(prose(c.message()))
            .append("</td></tr>\n");
      }
      endTable(h);
    }
    close(h);
  }

  private static void volumes(StringBuilder h, List<SourceVolume> sources) {
    open(h, Section.VOLUMES);
    if (sources.isEmpty()) {
      none(h, "No source was read.");
      close(h);
      return;
    }
    table(h, null, "<th>Source</th><th class=\"num\">Read</th><th class=\"num\">Clean</th>"
        + "<th class=\"num\">Rejected</th><th class=\"num\">Rejected share</th>");
    List<String> labels = new ArrayList<>();
    List<String> values = new ArrayList<>();
    double[] clean = new double[sources.size()];
    double[] rejected = new double[sources.size()];
    long read = 0;
    long cleanTotal = 0;
    long rejectedTotal = 0;
    for (int i = 0; i < sources.size(); i++) {
      SourceVolume v = sources.get(i);
      h.append("<tr><td>").append(name(v.source())).append("</td>").append(num(ReportText.count(v.read())))
          .append(num(ReportText.count(v.clean()))).append(num(ReportText.count(v.rejected())))
          .append(num(ReportText.share(v.rejected(), v.read()))).append("</tr>\n");
      labels.add(v.source());
      values.add(ReportText.count(v.read()) + " read, " + ReportText.share(v.rejected(), v.read()) + " rejected");
      clean[i] = v.clean();
      rejected[i] = v.rejected();
      read += v.read();
      cleanTotal += v.clean();
      rejectedTotal += v.rejected();
    }
    h.append("<tr class=\"total\"><td>all sources</td>").append(num(ReportText.count(read)))
        .append(num(ReportText.count(cleanTotal))).append(num(ReportText.count(rejectedTotal)))
        .append(num(ReportText.share(rejectedTotal, read))).append("</tr>\n");
    endTable(h);
    h.append(SvgChart.horizontalBars("Records by source: clean and rejected", labels, List.of(
        new SvgChart.Series("clean", ReportText.PRIMARY_RGB, clean),
        new SvgChart.Series("rejected", ReportText.REJECTED_RGB, rejected)), values));
    close(h);
  }

  private static void rawFiles(StringBuilder h, List<RawFile> files) {
    open(h, Section.RAW_FILES);
    if (files.isEmpty()) {
      none(h, "No raw file was listed.");
      close(h);
      return;
    }
    none(h, ReportText.filesReadCleanly(files));
    List<String> problems = ReportText.problemFiles(files);
    if (!problems.isEmpty()) {
      h.append("<ul class=\"problems\">\n");
      for (String line : problems) {
        h.append("<li>").append(prose(line)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    // fixed widths: the longest status, CHECKSUM_MISMATCH, fits its badge on A4
    table(h, "files", "<th style=\"width:25%\">File</th><th style=\"width:19%\">Status</th>"
        + "<th class=\"num\" style=\"width:8%\">Records</th><th class=\"num\" style=\"width:9%\">Manifest records</th>"
        + "<th class=\"num\" style=\"width:8%\">Kept</th><th class=\"num\" style=\"width:10%\">Quarantined</th>"
        + "<th>Detail</th>");
    for (RawFile f : ReportText.filesInOrder(files)) {
      Status status = ReportText.status(f);
      h.append("<tr class=\"row-").append(status.name()).append("\"><td class=\"text\"><code>")
          .append(prose(f.file())).append("</code></td><td>").append(badge(status, f.status(), false)).append("</td>")
          .append(num(ReportText.count(f.records()))).append(num(ReportText.manifestRecords(f)))
          .append(num(ReportText.count(f.kept()))).append(num(ReportText.count(f.quarantined())))
          .append("<td class=\"text\">").append(f.detail() == null ? "" : prose(f.detail())).append("</td></tr>\n");
    }
    endTable(h);
    close(h);
  }

  private static void reconciliation(StringBuilder h, List<Stage> stages) {
    open(h, Section.RECONCILIATION);
    h.append("<p class=\"note\">Every record a stage reads is kept or removed: read = kept + removed.</p>\n");
    if (stages.isEmpty()) {
      none(h, "No stage ran.");
      close(h);
      return;
    }
    table(h, null, "<th>Stage</th><th>Source</th><th class=\"num\">Read</th><th class=\"num\">Kept</th>"
        + "<th>Removed</th><th>Equation</th><th>Reconciles</th>");
    for (Stage s : stages) {
      Status status = s.reconciles() ? Status.PASS : Status.FAIL;
      h.append("<tr class=\"row-").append(status.name()).append("\"><td><code>").append(name(s.name()))
          .append("</code></td><td>").append(name(s.source())).append("</td>")
          .append(num(ReportText.count(s.read()))).append(num(ReportText.count(s.kept())))
          .append("<td class=\"text\">").append(escape(ReportText.removed(s))).append("</td><td class=\"text\">")
          .append(escape(ReportText.equation(s))).append("</td><td>")
          .append(badge(status, s.reconciles() ? "yes" : "no", false)).append("</td></tr>\n");
    }
    endTable(h);
    close(h);
  }

  private static void eventTypes(StringBuilder h, List<Count> eventTypes) {
    open(h, Section.EVENT_TYPES);
    if (eventTypes.isEmpty()) {
      none(h, "No valid events.");
    } else {
      h.append("<p class=\"note\">").append(ReportText.count(ReportText.total(eventTypes)))
          .append(" events that met the schema and value rules.</p>\n");
      ReportText.Bars bars = ReportText.bars(eventTypes);
      h.append(SvgChart.horizontalBars("Valid events by event type", bars.labels(),
          List.of(new SvgChart.Series("valid events", ReportText.PRIMARY_RGB, bars.lengths())), bars.values()));
    }
    close(h);
  }

  private static void days(StringBuilder h, List<Count> days) {
    open(h, Section.DAYS);
    if (days.isEmpty()) {
      none(h, "No events were read.");
    } else {
      h.append("<p class=\"note\">").append(ReportText.count(ReportText.total(days))).append(" events read over ")
          .append(days.size()).append(days.size() == 1 ? " day" : " days").append(", by event date.</p>\n");
      ReportText.Bars bars = ReportText.bars(days);
      h.append(SvgChart.columns("Events by day", bars.labels(),
          List.of(new SvgChart.Series("events", ReportText.PRIMARY_RGB, bars.lengths())), false));
    }
    close(h);
  }

  private static void nullRates(StringBuilder h, List<FieldNullRate> rates) {
    open(h, Section.NULL_RATES);
    if (rates.isEmpty()) {
      none(h, "No field was measured.");
    } else {
      table(h, null, "<th>Source</th><th>Field</th><th class=\"num\">Nulls</th><th class=\"num\">Records</th>"
          + "<th class=\"num\">Rate</th><th class=\"num\">Max rate</th><th>Status</th>");
      for (FieldNullRate r : rates) {
        h.append("<tr class=\"row-").append(r.status().name()).append("\"><td>").append(name(r.source()))
            .append("</td><td><code>").append(name(r.field())).append("</code></td>")
            .append(num(ReportText.count(r.nulls()))).append(num(ReportText.count(r.total())))
            .append(num(ReportText.percent(r.rate())))
            .append(num(r.maxRate() == null ? "-" : ReportText.percent(r.maxRate())))
            .append("<td>").append(badge(r.status(), r.status().name(), false)).append("</td></tr>\n");
      }
      endTable(h);
    }
    close(h);
  }

  private static void rejects(StringBuilder h, List<Rejects> rejects) {
    open(h, Section.REJECTS);
    if (rejects.isEmpty()) {
      none(h, "No record was rejected.");
      close(h);
      return;
    }
    long total = rejects.stream().mapToLong(Rejects::count).sum();
    h.append("<p class=\"note\">").append(ReportText.count(total))
        .append(" records quarantined, with the reason and a few examples each.</p>\n");
    table(h, "rejects", "<th style=\"width:16%\">Source</th><th style=\"width:24%\">Reason</th>"
        + "<th class=\"num\" style=\"width:12%\">Count</th><th>By field</th>");
    for (Rejects r : rejects) {
      h.append("<tr class=\"group\"><td>").append(name(r.source())).append("</td><td><code>")
          .append(name(r.reason())).append("</code></td>").append(num(ReportText.count(r.count())))
          .append("<td class=\"text\">").append(escape(ReportText.byField(r))).append("</td></tr>\n");
      if (!r.examples().isEmpty()) {
        h.append("<tr class=\"examples\"><td colspan=\"4\">\n");
        for (RejectExample e : r.examples()) {
          h.append("<div class=\"example\"><div class=\"where\"><code>").append(prose(e.position()))
              .append("</code>");
          if (e.field() != null) {
            h.append(" &#183; field <code>").append(name(e.field())).append("</code>");
          }
          h.append(" &#183; ").append(prose(e.message())).append("</div><pre><code>")
              .append(escape(ReportText.cut(ReportText.visible(e.record()), EXAMPLE_LENGTH)))
              .append("</code></pre></div>\n");
        }
        h.append("</td></tr>\n");
      }
    }
    endTable(h);
    close(h);
  }

  private static void violations(StringBuilder h, List<Rejects> rejects) {
    open(h, Section.VIOLATIONS);
    List<ReportText.Violation> rows = ReportText.violations(rejects);
    if (rows.isEmpty()) {
      none(h, "No range or referential violation.");
    } else {
      h.append("<p class=\"note\">Range: a value of the right type outside what is allowed. ")
          .append("Referential: an id that refers to nothing.</p>\n");
      table(h, null, "<th>Kind</th><th>Source</th><th>Reason</th><th>Field</th><th class=\"num\">Count</th>");
      for (ReportText.Violation v : rows) {
        h.append("<tr><td>").append(v.kind()).append("</td><td>").append(name(v.source())).append("</td><td><code>")
            .append(name(v.reason())).append("</code></td><td><code>").append(name(v.field()))
            .append("</code></td>").append(num(ReportText.count(v.count()))).append("</tr>\n");
      }
      endTable(h);
    }
    close(h);
  }

  private static void freshness(StringBuilder h, Freshness f) {
    open(h, Section.FRESHNESS);
    if (f == null) {
      none(h, "Not measured.");
    } else {
      h.append("<table class=\"facts\">\n<tr><th>Newest raw file landed</th><td>")
          .append(escape(ReportText.orNone(f.newestLanded()))).append("</td></tr>\n<tr><th>Newest event</th><td>")
          .append(escape(ReportText.orNone(f.newestEvent()))).append("</td></tr>\n<tr><th>Hours since landed</th><td>")
          .append(escape(Checks.format(f.hoursSinceLanded()))).append("</td></tr>\n</table>\n");
    }
    close(h);
  }

  private static void distributions(StringBuilder h, List<Distribution> distributions, List<Check> checks) {
    Check anyDrift = null;
    open(h, Section.DISTRIBUTIONS);
    if (distributions.isEmpty()) {
      none(h, "No distribution was measured.");
    }
    for (Distribution d : distributions) {
      List<String> buckets = ReportText.buckets(d);
      boolean previous = !d.previous().isEmpty() && d.psi() != null;
      h.append("<h3><code>").append(name(d.name())).append("</code>");
      Check drift = checks.stream().filter(c -> c.name().equals(CheckName.DRIFT.of(d.name()))).findFirst()
          .orElse(null);
      if (previous && drift != null) {
        anyDrift = anyDrift == null ? drift : anyDrift;
        h.append(" &#183; PSI ").append(escape(Checks.format(d.psi()))).append("<span class=\"reading\">")
            .append(ReportText.psiReading(drift.status())).append("</span>");
      } else {
        h.append("<span class=\"reading\">no previous run</span>");
      }
      h.append("</h3>\n");
      if (buckets.isEmpty()) {
        none(h, "No values.");
        continue;
      }
      List<SvgChart.Series> series = new ArrayList<>();
      series.add(new SvgChart.Series("this run", ReportText.PRIMARY_RGB, ReportText.shares(d.current(), buckets)));
      if (!d.previous().isEmpty()) {
        series.add(new SvgChart.Series("previous run", ReportText.PREVIOUS_RGB,
            ReportText.shares(d.previous(), buckets)));
      }
      h.append(SvgChart.columns("Share by " + d.name() + (previous ? ", this run and the previous" : ""), buckets,
          series, true));
    }
    if (anyDrift != null && anyDrift.warnAt() != null && anyDrift.failAt() != null) {
      String warn = escape(Checks.format(anyDrift.warnAt()));
      String fail = escape(Checks.format(anyDrift.failAt()));
      h.append("<p class=\"note\">Population stability index: up to ").append(warn).append(" stable, ")
          .append(warn).append(" to ").append(fail).append(" moved, above ").append(fail)
          .append(" shifted (the drift thresholds).</p>\n");
    }
    close(h);
  }

  private static String badge(Status status, String text, boolean big) {
    return "<span class=\"badge " + (big ? "big " : "") + status.name() + "\">" + escape(text) + "</span>";
  }

  /** A name from the data (source, field, reason, check), cut to keep tables readable. */
  private static String name(String text) {
    return escape(ReportText.cut(ReportText.visible(text), NAME_LENGTH));
  }

  /** A message or position from the data, cut so one odd record cannot swamp the page. */
  private static String prose(String text) {
    return escape(ReportText.cut(ReportText.visible(text), PROSE_LENGTH));
  }

  private static String num(String text) {
    return "<td class=\"num\">" + escape(text) + "</td>";
  }

  private static void open(StringBuilder h, Section section) {
    h.append("<section id=\"").append(section.id).append("\">\n<h2>").append(escape(section.title))
        .append("</h2>\n");
  }

  /**
   * Opens a table of class {@code cssClass} (or none) with the header cells {@code headers}; the header repeats
   * on every page the table spans in print.
   */
  private static void table(StringBuilder h, String cssClass, String headers) {
    h.append(cssClass == null ? "<table>\n" : "<table class=\"" + cssClass + "\">\n")
        .append("<thead><tr>").append(headers).append("</tr></thead>\n<tbody>\n");
  }

  private static void endTable(StringBuilder h) {
    h.append("</tbody>\n</table>\n");
  }

  private static void none(StringBuilder h, String text) {
    h.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
  }

  private static void close(StringBuilder h) {
    h.append("</section>\n");
  }
}
