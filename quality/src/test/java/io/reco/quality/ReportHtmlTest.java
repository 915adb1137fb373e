package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ReportHtmlTest {
  private final QualityReport report = SampleReports.sample();
  private final String html = ReportHtml.render(report);

  @Test
  void namesTheRunAndItsOverallStatus() {
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<title>reco data quality report " + SampleReports.RUN_ID + "</title>"));
    assertTrue(html.contains("<span class=\"badge big FAIL\">FAIL</span>"), "overall status badge");
    assertTrue(html.contains("2026-11-24 to 2026-11-30"));
  }

  @Test
  void listsEveryCheckFirstWithItsStatus() {
    int checksAt = html.indexOf("<section id=\"checks\">");
    assertTrue(checksAt > 0 && checksAt < html.indexOf("<section id=\"volumes\">"), "checks come first");
    for (Check c : report.checks()) {
      int row = html.indexOf("<code>" + c.name() + "</code>");
      assertTrue(row > 0, c.name());
      assertTrue(html.contains(c.message()), c.message());
      assertTrue(html.startsWith("<span class=\"badge " + c.status() + "\">" + c.status() + "</span>",
          html.indexOf("<td>", row) + 4), c.name() + " badge " + c.status());
    }
  }

  @Test
  void escapesWhatTheRecordsHold() {
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no raw script tag");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assertTrue(html.contains("say \\&quot;hi\\&quot; \uD83D\uDE00\\u0007"), "quote escaped, control char visible");
    assertFalse(html.contains("\u0007"));
  }

  @Test
  void isSelfContained() {
    String lower = html.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("<link"));
    assertFalse(lower.contains(" src="));
    assertFalse(lower.contains("url("));
    assertFalse(lower.contains("javascript:"));
    assertFalse(lower.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
        .replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "").contains("http"), "no external address");
  }

  @Test
  void isWellFormedXhtmlWhateverTheRecordsHold() throws Exception {
    String hostile = "\uFFFF\uFFFE\u0000<&\"'\uD800" + SampleReports.HOSTILE_RECORD;
    QualityReport odd = new QualityReport(hostile, "2026-12-01T12:00:00Z", "2026-11-30", "2026-11-30", List.of(),
        List.of(), List.of(new Count(hostile, 1)), List.of(), List.of(), List.of(new Rejects(hostile, hostile, 1,
        List.of(new Count(hostile, 1)), List.of(new RejectExample(hostile, hostile, hostile, hostile)))), null,
        List.of(), List.of(new Check(hostile, Status.FAIL, 1, null, null, hostile)),
        List.of(new RawFile(hostile, hostile, hostile, true, hostile, 1, -1, 0, 0)));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    for (String page : List.of(html, ReportHtml.render(odd))) {
      Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(page)));
      assertEquals("http://www.w3.org/1999/xhtml", doc.getDocumentElement().getNamespaceURI());
    }
  }

  @Test
  void drawsOneChartPerChart() {
    // volumes by source, event types, days, and one per distribution
    assertEquals(3 + report.distributions().size(), count("<svg "));
    assertEquals(count("<svg "), count("</svg>"));
  }

  @Test
  void readsEachDistribution() {
    assertTrue(html.contains("no previous run"), "device has no previous run");
    Distribution priceBand = report.distributions().get(1);
    assertTrue(priceBand.psi() > 0.1 && priceBand.psi() < 0.25, "the fixture's price bands moved: " + priceBand.psi());
    assertTrue(html.contains("PSI " + Checks.format(priceBand.psi()) + "<span class=\"reading\">moved"), html);
    assertTrue(html.contains(">previous run</text>"), "legend of the two series");
  }

  @Test
  void readsTheIndexByTheRunsOwnDriftThresholds() {
    assertTrue(html.contains("Population stability index: up to 0.1 stable, 0.1 to 0.25 moved, above 0.25 shifted"),
        "the thresholds of the first drift check, event_type's");
  }

  @Test
  void showsEachStageEquation() {
    assertTrue(html.contains("1,261,500 = 1,258,734 kept + 2,311 unknown_product + 455 inactive_product"));
    assertEquals(report.stages().size(), count("<span class=\"badge PASS\">yes</span>"));
  }

  @Test
  void tablesTheViolations() {
    int section = html.indexOf("<section id=\"violations\">");
    String violations = html.substring(section, html.indexOf("</section>", section));
    assertTrue(violations.contains("<td>referential</td><td>order_items</td><td><code>UNKNOWN_REFERENCE</code></td>"
        + "<td><code>order_id</code></td><td class=\"num\">138</td>"), violations);
    assertTrue(violations.contains("<td>range</td><td>orders</td><td><code>INVALID_VALUE</code></td>"
        + "<td><code>quantity</code></td><td class=\"num\">18</td>"), violations);
    assertFalse(violations.contains("MALFORMED_RECORD"), "neither range nor referential");
  }

  @Test
  void listsEveryRawFileProblemsFirstThenInPathOrder() {
    Matcher files = Pattern.compile("<tr class=\"row-\\w+\"><td class=\"text\"><code>([^<]*)</code>")
        .matcher(section("raw-files"));
    List<String> order = files.results().map(m -> m.group(1)).toList();
    assertEquals(List.of(SampleReports.MISMATCHED_FILE, SampleReports.UNCOMMITTED_FILE,
        "clickstream/dt=2026-11-24/hour=00/events-7.jsonl", "orders/dt=2026-11-27/orders-a.csv"), order);
  }

  @Test
  void coloursEachFilesStatusAsTheChecksAre() {
    String files = section("raw-files");
    assertTrue(files.contains("<span class=\"badge FAIL\">CHECKSUM_MISMATCH</span>"), files);
    assertTrue(files.contains("<span class=\"badge WARN\">UNCOMMITTED</span>"), files);
    assertEquals(2, count("<span class=\"badge PASS\">read</span>"), files);
  }

  @Test
  void tablesWhatEachFileHeldAndWhatBecameOfIt() {
    String files = section("raw-files");
    assertTrue(files.contains("<code>clickstream/dt=2026-11-24/hour=00/events-7.jsonl</code></td><td><span "
        + "class=\"badge PASS\">read</span></td><td class=\"num\">7,120</td><td class=\"num\">7,120</td>"
        + "<td class=\"num\">7,101</td><td class=\"num\">19</td><td class=\"text\"></td>"), files);
    assertTrue(files.contains("<td class=\"num\">0</td><td class=\"num\">-</td><td class=\"num\">0</td>"
        + "<td class=\"num\">0</td><td class=\"text\">no manifest: not committed</td>"), "no manifest: " + files);
  }

  @Test
  void namesTheProblemFilesOneALineAndCountsTheCleanOnes() {
    assertEquals(List.of("CHECKSUM_MISMATCH " + SampleReports.MISMATCHED_FILE + ": holds 812,004 bytes with MD5 "
        + "9e107d9d372bb6826bd81d3542a419d6, its manifest 812,112 bytes with MD5 e4d909c290d0fb1ca068ffaddf22cbd0",
        "UNCOMMITTED " + SampleReports.UNCOMMITTED_FILE + ": no manifest: not committed"),
        ReportText.problemFiles(report.files()));
    assertEquals("2 of 4 files read cleanly, each matching its manifest (55,340 records).",
        ReportText.filesReadCleanly(report.files()));
    assertTrue(section("raw-files").contains("<li>UNCOMMITTED " + SampleReports.UNCOMMITTED_FILE), html);
  }

  private String section(String id) {
    int at = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(at >= 0, "no section " + id);
    return html.substring(at, html.indexOf("</section>", at));
  }

  private int count(String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
