package io.reco.jobs.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes an {@link Evaluation} as {@value #JSON} and as {@value #HTML}, a page with its table and bar charts. */
public final class EvaluationReport {
  /** The machine-readable report. */
  public static final String JSON = "evaluation.json";
  /** The page. */
  public static final String HTML = "evaluation.html";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationReport() {
  }

  /** Writes both files into {@code dir}. */
  public static void write(FileSystem fs, Path dir, Evaluation evaluation) throws IOException {
    try (OutputStream out = fs.create(new Path(dir, JSON), true)) {
      MAPPER.writeValue(out, evaluation);
    }
    try (OutputStream out = fs.create(new Path(dir, HTML), true)) {
      out.write(html(evaluation).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Reads a report written by {@link #write}, as a tree. */
  public static Map<?, ?> read(FileSystem fs, Path dir) throws IOException {
    try (var in = fs.open(new Path(dir, JSON))) {
      return MAPPER.readValue((java.io.InputStream) in, Map.class);
    }
  }

  static String html(Evaluation e) {
    StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>reco evaluation"
        + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:4px 10px;"
        + "border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}"
        + ".served{font-weight:bold}</style></head><body>");
    page.append("<h1>Offline evaluation: ").append(escape(e.dataset)).append("</h1><p>")
        .append(escape(e.protocol)).append(" protocol, split ").append(e.split).append(" (train, validation, test)"
        + ", relevant held-out events ").append(escape(String.valueOf(e.relevant))).append(", K = ").append(e.k)
        .append(". Counts: ").append(escape(String.valueOf(e.counts))).append(". The served row ranks with the "
        + "service's code over the lists its jobs wrote, with its exclusions.</p>");
    for (String group : e.results.values().iterator().next().keySet()) {
      page.append("<h2>").append(group).append(" test ").append(e.counts.containsKey("test_predictions")
          ? "sessions" : "users").append("</h2><table><tr><th>recommender</th>");
      Map<String, Double> first = e.results.values().iterator().next().get(group);
      first.keySet().forEach(name -> page.append("<th>").append(escape(name)).append("</th>"));
      page.append("</tr>");
      e.results.forEach((name, groups) -> {
        page.append("<tr").append(name.equals(EvaluateJob.SERVED) ? " class=\"served\"" : "").append("><td>")
            .append(escape(name)).append("</td>");
        groups.get(group).values().forEach(v -> page.append(String.format("<td>%.4f</td>", v)));
        page.append("</tr>");
      });
      page.append("</table>");
    }
    for (String figure : e.figures.subList(0, Math.min(2, e.figures.size()))) {
      page.append("<h2>").append(figure).append(", all</h2>").append(bars(e, figure));
    }
    page.append("<h2>Tuned settings</h2><pre>").append(escape(e.tunedSettings())).append("</pre><h2>Search</h2><pre>")
        .append(escape(String.join("\n", e.tuning))).append("</pre><h2>Timings (s)</h2><pre>")
        .append(escape(String.valueOf(e.timings))).append("</pre></body></html>");
    return page.toString();
  }

  private static String bars(Evaluation e, String figure) {
    double max = e.results.values().stream().mapToDouble(g -> g.get("all").get(figure)).max().orElse(1);
    int row = 22;
    StringBuilder svg = new StringBuilder(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" "
        + "height=\"%d\">", row * e.results.size() + 4));
    int i = 0;
    for (Map.Entry<String, Map<String, Map<String, Double>>> r : e.results.entrySet()) {
      double v = r.getValue().get("all").get(figure);
      int width = max <= 0 ? 0 : (int) Math.round(400 * v / max);
      int y = i++ * row;
      svg.append(String.format("<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y + 15, escape(r.getKey())))
          .append(String.format("<rect x=\"260\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>", y + 3, width,
              r.getKey().equals(EvaluateJob.SERVED) ? "#c0392b" : "#7f8c8d"))
          .append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"12\">%.4f</text>", 265 + width, y + 15, v));
    }
    return svg.append("</svg>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
