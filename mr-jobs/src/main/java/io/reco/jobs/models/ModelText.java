package io.reco.jobs.models;

import io.reco.schema.GcReport;
import io.reco.schema.Lineage;
import io.reco.schema.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The registry as {@code model} prints it: one line per version in a listing, one line per fact in a record. */
final class ModelText {
  private ModelText() {
  }

  /** A header and one line per version, newest first as given; {@code *} marks the active one. */
  static List<String> listing(List<ModelInfo> versions, String metric) {
    if (versions.isEmpty()) {
      return List.of("no model version is registered");
    }
    int width = Math.max("VERSION".length(), versions.stream().mapToInt(v -> v.version().length()).max().orElse(0));
    String format = "%s %-" + width + "s  %-9s  %-20s  %-10s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, format, " ", "VERSION", "STATUS", "CREATED", metric, "CODE").stripTrailing());
    for (ModelInfo v : versions) {
      lines.add(String.format(Locale.ROOT, format, v.active() ? "*" : " ", v.version(), v.status(), v.createdAt(),
          v.metric(metric).map(ModelText::number).orElse("-"),
          v.lineage().map(Lineage::codeVersion).orElse("-")).stripTrailing());
    }
    return lines;
  }

  /** Every fact of one version: status, lineage (inputs, settings, metrics, code), stats. */
  static List<String> details(ModelInfo info) {
    List<String> lines = new ArrayList<>();
    lines.add(fact("version", info.version()));
    lines.add(fact("status", info.status() + (info.active() ? " (active)" : "")));
    lines.add(fact("created", info.createdAt().toString()));
    if (info.lineage().isEmpty()) {
      lines.add(fact("lineage", "none recorded"));
    } else {
      Lineage lineage = info.lineage().get();
      lines.add(fact("code", lineage.codeVersion()));
      lines.add(fact("run", lineage.createdAt().toString()));
      lines.add(fact("metrics", lineage.metrics().isEmpty() ? "none"
          : join(lineage.metrics().entrySet().stream().map(e -> e.getKey() + "=" + number(e.getValue())).toList())));
      for (Lineage.Input input : lineage.inputs()) {
        lines.add(fact("input", input.path() + (input.manifests().isEmpty() ? "" : "  " + pairs(input.manifests()))));
      }
      lineage.parameters().forEach((key, value) -> lines.add(fact("setting", key + "=" + value)));
    }
    lines.add(fact("stats", info.stats().isEmpty() ? "none" : pairs(info.stats())));
    return lines;
  }

  /** What gc removed, or would: a summary line, then one line per version and one per table. */
  static List<String> gc(GcReport report) {
    List<String> lines = new ArrayList<>();
    String verb = report.dryRun() ? "would remove" : "removed";
    lines.add("gc" + (report.dryRun() ? " (dry run)" : "") + ": " + verb + " " + report.versions().size()
        + " version(s), " + report.cells() + " cell(s)");
    report.cellsByVersion().forEach((version, cells) -> lines.add(String.format(Locale.ROOT, "  %s  %d cells",
        version, cells)));
    report.cellsByTable().forEach((table, cells) -> lines.add(String.format(Locale.ROOT, "  %s  %d cells",
        table, cells)));
    return lines;
  }

  private static String fact(String name, String value) {
    return String.format(Locale.ROOT, "%-9s %s", name, value);
  }

  private static String pairs(Map<String, String> values) {
    return join(values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static String join(List<String> parts) {
    return parts.stream().collect(Collectors.joining(", "));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
