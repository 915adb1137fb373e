package io.reco.jobs.retention;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a retention run decided, as it prints it: a line for every unit past its limit (deleted, protected or held,
 * with its class, age and bytes), then per class and in all how many units were seen, kept, held, protected and
 * deleted (seen = kept + held + protected + deleted) and the bytes deleted. A dry run says "would delete".
 */
public final class RetentionReport {
  /** Counts of one class, or of all. */
  public record Totals(long seen, long kept, long held, long protectedUnits, long deleted, long bytesDeleted,
      long bytesProtected) {
    Totals add(Decision d) {
      return new Totals(seen + 1, kept + (d.verdict() == Verdict.KEPT ? 1 : 0),
          held + (d.verdict() == Verdict.HELD ? 1 : 0), protectedUnits + (d.verdict() == Verdict.PROTECTED ? 1 : 0),
          deleted + (d.verdict() == Verdict.DELETED ? 1 : 0),
          bytesDeleted + (d.verdict() == Verdict.DELETED ? d.bytes() : 0),
          bytesProtected + (d.verdict() == Verdict.PROTECTED ? d.bytes() : 0));
    }
  }

  private static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0);
  private static final Comparator<Decision> ORDER = Comparator.comparing((Decision d) -> d.unit().type())
      .thenComparing(d -> d.unit().location());

  private final LocalDate asOf;
  private final boolean dryRun;
  private final RetentionPolicy policy;
  private final Protection protection;
  private final List<Decision> decisions;
  private final List<String> ignored;

  /**
   * The report of {@code decisions}, listed by class, then path.
   *
   * @param ignored entries of the raw zone and the work root named like no partition or run, left alone
   */
  public RetentionReport(LocalDate asOf, boolean dryRun, RetentionPolicy policy, Protection protection,
      List<Decision> decisions, List<String> ignored) {
    this.asOf = asOf;
    this.dryRun = dryRun;
    this.policy = policy;
    this.protection = protection;
    this.decisions = decisions.stream().sorted(ORDER).toList();
    this.ignored = List.copyOf(ignored);
  }

  /** The entries left alone because they are named like no partition or run. */
  public List<String> ignored() {
    return ignored;
  }

  /** Every decision, by class, then path. */
  public List<Decision> decisions() {
    return decisions;
  }

  /** The decisions of one verdict. */
  public List<Decision> with(Verdict verdict) {
    return decisions.stream().filter(d -> d.verdict() == verdict).toList();
  }

  /** The counts of every class together. */
  public Totals totals() {
    Totals all = NONE;
    for (Decision d : decisions) {
      all = all.add(d);
    }
    return all;
  }

  /** The counts of each class, every class listed. */
  public Map<RetentionClass, Totals> byClass() {
    Map<RetentionClass, Totals> totals = new EnumMap<>(RetentionClass.class);
    for (RetentionClass type : RetentionClass.values()) {
      totals.put(type, NONE);
    }
    decisions.forEach(d -> totals.merge(d.unit().type(), NONE.add(d), RetentionReport::sum));
    return totals;
  }

  /** The listing, one line each. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "retention as of %s%s: %s", asOf, dryRun ? " (dry run, nothing deleted)"
        : "", policy.describe()));
    lines.add("protected versions (the registry may still serve them): " + protection.describe());
    for (Decision d : decisions) {
      if (d.verdict() == Verdict.KEPT) {
        continue;
      }
      lines.add(String.format(Locale.ROOT, "%-12s  %-12s  %5d d  %,13d B  %s%s", label(d.verdict()),
          d.unit().type().label(), d.ageDays(), d.bytes(), d.unit().location(), d.why() == null ? "" : "  (" + d.why()
              + ")"));
    }
    if (!ignored.isEmpty()) {
      lines.add("left alone, named like no partition or run: " + ignored.size() + " (" + String.join(", ",
          ignored.subList(0, Math.min(3, ignored.size()))) + (ignored.size() > 3 ? ", ..." : "") + ")");
    }
    lines.add(String.format(Locale.ROOT, "%-12s  %6s  %6s  %6s  %9s  %7s  %15s", "class", "seen", "kept", "held",
        "protected", dryRun ? "to go" : "deleted", dryRun ? "bytes to go" : "bytes deleted"));
    byClass().forEach((type, t) -> lines.add(row(type.label(), t)));
    lines.add(row("all", totals()));
    Totals all = totals();
    lines.add(String.format(Locale.ROOT, "seen %d = kept %d + held %d + protected %d + %s %d; %,d bytes %s, %,d"
        + " bytes protected", all.seen(), all.kept(), all.held(), all.protectedUnits(), dryRun ? "would delete"
        : "deleted", all.deleted(), all.bytesDeleted(), dryRun ? "would go" : "deleted", all.bytesProtected()));
    return lines;
  }

  private String row(String name, Totals t) {
    return String.format(Locale.ROOT, "%-12s  %6d  %6d  %6d  %9d  %7d  %,15d", name, t.seen(), t.kept(), t.held(),
        t.protectedUnits(), t.deleted(), t.bytesDeleted());
  }

  private String label(Verdict verdict) {
    return switch (verdict) {
      case DELETED -> dryRun ? "would delete" : "deleted";
      case PROTECTED -> "protected";
      case HELD -> "held";
      case KEPT -> "kept";
    };
  }

  private static Totals sum(Totals a, Totals b) {
    return new Totals(a.seen() + b.seen(), a.kept() + b.kept(), a.held() + b.held(),
        a.protectedUnits() + b.protectedUnits(), a.deleted() + b.deleted(), a.bytesDeleted() + b.bytesDeleted(),
        a.bytesProtected() + b.bytesProtected());
  }
}
