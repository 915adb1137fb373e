package io.reco.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the page says of a report beside its markup: number formats, readings, chart colours, derived rows. */
final class ReportText {
  /** Clean records, this run, a single series; colours are 0xRRGGBB. */
  static final int PRIMARY_RGB = 0x3b6fb6;
  /** The previous run. */
  static final int PREVIOUS_RGB = 0xa3afbf;
  /** Rejected records. */
  static final int REJECTED_RGB = 0x8a63d2;

  /** A range or referential violation, one row per source, reason and field. */
  record Violation(String kind, String source, String reason, String field, long count) {
  }

  private ReportText() {
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f%%", share * 100);
  }

  /** A threshold or other optional number; {@code -} for none. */
  static String number(Double value) {
    return value == null ? "-" : Checks.format(value);
  }

  static String orNone(String value) {
    return value == null || value.isEmpty() ? "none" : value;
  }

  static String share(long part, long whole) {
    return whole == 0 ? "-" : percent((double) part / whole);
  }

  /** How a population stability index reads, by its drift check's status. */
  static String psiReading(Status drift) {
    return switch (drift) {
      case PASS -> "stable";
      case WARN -> "moved";
      case FAIL -> "shifted";
    };
  }

  /**
   * {@code read = kept + removed...}, with {@code !=} where it does not hold: the standard fonts of the PDF have no
   * not-equal sign.
   */
  static String equation(Stage stage) {
    StringBuilder s = new StringBuilder(count(stage.read()))
        .append(stage.reconciles() ? " = " : " != ")
        .append(count(stage.kept())).append(" kept");
    for (Count c : stage.removed()) {
      s.append(" + ").append(count(c.count())).append(' ').append(c.name());
    }
    return s.toString();
  }

  static String removed(Stage stage) {
    if (stage.removed().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (Count c : stage.removed()) {
      parts.add(c.name() + " " + count(c.count()));
    }
    return String.join(", ", parts);
  }

  static String byField(Rejects rejects) {
    List<String> parts = new ArrayList<>();
    for (Count c : rejects.byField()) {
      parts.add(c.name() + " " + count(c.count()));
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /** Range and referential violations, split by field. */
  static List<Violation> violations(List<Rejects> rejects) {
    List<Violation> rows = new ArrayList<>();
    for (Rejects r : rejects) {
      String kind = r.isRangeViolation() ? "range" : r.isReferentialViolation() ? "referential" : null;
      if (kind == null) {
        continue;
      }
      if (r.byField().isEmpty()) {
        rows.add(new Violation(kind, r.source(), r.reason(), "-", r.count()));
      }
      for (Count c : r.byField()) {
        rows.add(new Violation(kind, r.source(), r.reason(), c.name(), c.count()));
      }
    }
    return rows;
  }

  /** The files in the order the page lists them: those with a problem first, then the rest, each in path order. */
  static List<RawFile> filesInOrder(List<RawFile> files) {
    return files.stream().sorted(Comparator.comparing((RawFile f) -> !f.problem()).thenComparing(RawFile::file))
        .toList();
  }

  /** How a file's status is coloured: a failing problem as a failed check, another problem as a warning. */
  static Status status(RawFile file) {
    return file.fails() ? Status.FAIL : file.problem() ? Status.WARN : Status.PASS;
  }

  /** One line per file with a problem, in path order: {@code STATUS file: detail}. */
  static List<String> problemFiles(List<RawFile> files) {
    return filesInOrder(files).stream().filter(RawFile::problem)
        .map(f -> f.status() + " " + f.file() + (f.detail() == null ? "" : ": " + f.detail())).toList();
  }

  /** How many files were read cleanly, e.g. {@code 12 of 14 files read cleanly, each matching its manifest}. */
  static String filesReadCleanly(List<RawFile> files) {
    List<RawFile> read = files.stream().filter(f -> !f.problem()).toList();
    long records = read.stream().mapToLong(RawFile::records).sum();
    return count(read.size()) + " of " + count(files.size()) + (files.size() == 1 ? " file" : " files")
        + " read cleanly, each matching its manifest (" + count(records) + " records).";
  }

  /** A manifest's record count; {@code -} where there is no readable manifest. */
  static String manifestRecords(RawFile file) {
    return file.manifestRecords() < 0 ? "-" : count(file.manifestRecords());
  }

  /** The buckets of a distribution: this run's in order, then those only the previous run had. */
  static List<String> buckets(Distribution d) {
    Map<String, Boolean> names = new LinkedHashMap<>();
    d.current().forEach(c -> names.put(c.name(), Boolean.TRUE));
    d.previous().forEach(c -> names.put(c.name(), Boolean.TRUE));
    return new ArrayList<>(names.keySet());
  }

  /** The share of each bucket in {@code counts}, 0 where it is missing. */
  static double[] shares(List<Count> counts, List<String> buckets) {
    long total = counts.stream().mapToLong(Count::count).sum();
    double[] shares = new double[buckets.size()];
    if (total == 0) {
      return shares;
    }
    for (Count c : counts) {
      shares[buckets.indexOf(c.name())] += (double) c.count() / total;
    }
    return shares;
  }

  static long total(List<Count> counts) {
    return counts.stream().mapToLong(Count::count).sum();
  }

  /**
   * Text with control characters and the non-characters U+FFFE and U+FFFF made visible as {@code \n}, {@code \t} or
   * {@code \\uXXXX} (a quarantined record may hold any; XML allows none), and unpaired surrogates replaced; null
   * becomes empty.
   */
  static String visible(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        s.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        s.append('\uFFFD');
      } else if (c == '\n') {
        s.append("\\n");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (c == '\t') {
        s.append("\\t");
      } else if (Character.getType(c) == Character.CONTROL || c == '\uFFFE' || c == '\uFFFF') {
        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /** At most {@code max} code points of {@code text}, ending in an ellipsis where cut. */
  static String cut(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
  }

  /**
   * The bars of a chart of {@code counts}, one a count.
   *
   * @param labels each bar's name
   * @param values each bar's printed value: the count and its share of the total
   * @param lengths each bar's count
   */
  record Bars(List<String> labels, List<String> values, double[] lengths) {
  }

  /** One bar a count, printed with its share of the total. */
  static Bars bars(List<Count> counts) {
    long total = total(counts);
    List<String> labels = new ArrayList<>();
    List<String> values = new ArrayList<>();
    double[] lengths = new double[counts.size()];
    for (int i = 0; i < counts.size(); i++) {
      Count c = counts.get(i);
      labels.add(c.name());
      values.add(count(c.count()) + " (" + share(c.count(), total) + ")");
      lengths[i] = c.count();
    }
    return new Bars(labels, values, lengths);
  }
}
