package io.reco.quality;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges one run's {@link RunFacts} against {@link QualityThresholds} and the reports of earlier runs: raw files
 * against their manifests, reconciliation, reject, duplicate, conflict and bot rates, unknown references, null rates
 * per field, volume against the trailing average, freshness, completeness of the range, and drift of the key
 * distributions (population stability index).
 */
public final class QualityAssessment {
  /** Files a raw-files check names per problem; the report's file table lists them all. */
  private static final int FILES_NAMED = 3;

  private QualityAssessment() {
  }

  /**
   * The report of a run.
   *
   * @param facts what the run found
   * @param limits the thresholds
   * @param earlier reports of earlier runs, oldest first; the last is the previous run
   */
  public static QualityReport assess(RunFacts facts, QualityThresholds limits, List<QualityReport> earlier) {
    List<Check> checks = new ArrayList<>(rawFiles(facts.files()));
    for (Stage stage : facts.stages()) {
      long removed = stage.removed().stream().mapToLong(Count::count).sum();
      checks.add(new Check(CheckName.RECONCILIATION.of(stage.name()), stage.reconciles() ? Status.PASS : Status.FAIL,
          stage.read() - stage.kept() - removed, null, 0.0, String.format("%s read %s = kept %s + removed %s",
          stage.name(), Checks.format(stage.read()), Checks.format(stage.kept()), Checks.format(removed))));
    }
    StageName.VALIDATE.in(facts.stages()).ifPresent(s -> checks.add(rate(CheckName.REJECTS, s, Removal.QUARANTINED,
        limits.rejectRate(), "share of clickstream lines quarantined")));
    StageName.CLEAN.in(facts.stages()).ifPresent(s -> {
      checks.add(rate(CheckName.DUPLICATES, s, Removal.DUPLICATES, limits.duplicateRate(),
          "share of events repeating an event_id"));
      if (s.removed().stream().anyMatch(Removal.CONFLICTS::counts)) {
        checks.add(rate(CheckName.CONFLICTS, s, Removal.CONFLICTS, limits.duplicateRate(),
            "share of events whose event_id two or more users use"));
      }
      checks.add(rate(CheckName.NEAR_DUPLICATES, s, Removal.NEAR_DUPLICATES, limits.duplicateRate(),
          "share of near duplicate events"));
      checks.add(rate(CheckName.BOTS, s, Removal.BOTS, limits.botRate(), "share of events from users judged bots"));
    });
    StageName.VALIDATE_ORDERS.in(facts.stages()).ifPresent(s -> {
      checks.add(rate(CheckName.REJECTS, s, Removal.QUARANTINED, limits.rejectRate(),
          "share of transaction rows quarantined"));
      checks.add(rate(CheckName.DUPLICATES, s, Removal.DUPLICATES, limits.duplicateRate(),
          "share of transaction rows repeating an order or order line"));
    });
    for (RunFacts.ReferenceCheck ref : facts.references()) {
      String name = CheckName.REFERENCES.of(ref.field());
      if (!ref.checked()) {
        boolean quarantined = facts.files().stream().anyMatch(f -> f.source().equals(ref.entity()) && f.fails());
        checks.add(new Check(name, Status.WARN, 0, null, null, (quarantined ? "the " + ref.entity()
            + " snapshot was quarantined whole (see " + CheckName.RAW_FILES.of(ref.entity()) + ")"
            : "no " + ref.entity() + " snapshot in the raw zone") + ": " + ref.field() + " not checked"));
      } else {
        checks.add(rate(name, ref.unknown(), ref.read(), limits.unknownReferenceRate(),
            "share of events whose " + ref.field() + " is not in the " + ref.entity() + " snapshot"));
      }
      if (ref.kept() > 0) {
        double share = (double) ref.kept() / ref.read();
        checks.add(new Check(CheckName.GUESTS.of(ref.field()), Status.PASS, share, null, null,
            Checks.format(ref.kept()) + " events of " + ref.field() + "s not in the " + ref.entity()
                + " snapshot kept in silver as guests: share " + Checks.format(share)));
      }
    }
    List<FieldNullRate> nullRates = nullRates(facts.clickstream(), limits);
    for (FieldNullRate n : nullRates) {
      if (n.maxRate() != null) {
        checks.add(Checks.above(CheckName.NULLS.of(n.source() + "." + n.field()), n.rate(), n.maxRate() / 2,
            n.maxRate(), "null rate of " + n.field()));
      }
    }
    String clickstream = facts.clickstream().source();
    List<QualityReport> trailing = earlier.subList(Math.max(0, earlier.size() - limits.trailingRuns()),
        earlier.size());
    double daily = (double) facts.clickstream().profile().records() / facts.daysInRange();
    List<Double> trailingDaily = trailing.stream().map(r -> dailyVolume(r, clickstream)).flatMap(Optional::stream)
        .toList();
    checks.add(Checks.volumeDrop(daily, trailingDaily, limits.volumeDrop().warn(), limits.volumeDrop().fail()));
    Freshness freshness = freshness(facts);
    QualityThresholds.Limits hours = limits.freshnessHours();
    if (facts.newestLanded() == null) {
      checks.add(new Check(CheckName.FRESHNESS.label(), Status.FAIL, 0, hours.warn(), hours.fail(),
          "no committed " + clickstream + " file in the raw zone"));
    } else {
      checks.add(Checks.above(CheckName.FRESHNESS.label(), freshness.hoursSinceLanded(), hours.warn(), hours.fail(),
          "hours since the newest " + clickstream + " file landed:"));
    }
    checks.add(Checks.below(CheckName.COMPLETENESS.label(), (double) facts.daysWithData() / facts.daysInRange(),
        limits.completeness().warn(), limits.completeness().fail(), facts.daysWithData() + " of "
        + facts.daysInRange() + " days have data (" + facts.hourPartitions() + " hour partitions): share"));
    QualityReport previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
    List<Distribution> distributions = new ArrayList<>();
    for (String name : facts.clickstream().distributions()) {
      List<Count> current = distribution(facts.clickstream(), name);
      List<Count> before = previous == null ? List.of() : previous.distributions().stream()
          .filter(d -> d.name().equals(name)).findFirst().map(Distribution::current).orElse(List.of());
      Double psi = before.isEmpty() ? null : PopulationStability.index(before, current);
      distributions.add(new Distribution(name, current, before, psi));
      if (psi != null) {
        checks.add(Checks.above(CheckName.DRIFT.of(name), psi, limits.drift().warn(), limits.drift().fail(),
            "population stability index of " + name + " against run " + previous.runId() + ":"));
      }
    }
    List<FieldNullRate> allNulls = new ArrayList<>(nullRates);
    if (facts.orders() != null) {
      allNulls.addAll(nullRates(facts.orders(), limits));
    }
    return new QualityReport(facts.runId(), facts.now().toString(), facts.from().toString(), facts.to().toString(),
        facts.sources(), facts.stages(), distribution(facts.clickstream(), RunFacts.EVENT_TYPES),
        counts(facts.clickstream().profile().days()), allNulls, facts.rejects(), freshness, distributions, checks,
        facts.files());
  }

  /**
   * One check per source of {@code files}, in the order the sources first appear: fails where a file was
   * quarantined whole, warns where one was left unread, passes where every file matched its manifest.
   */
  private static List<Check> rawFiles(List<RawFile> files) {
    Map<String, List<RawFile>> bySource = new LinkedHashMap<>();
    for (RawFile f : files) {
      bySource.computeIfAbsent(f.source(), k -> new ArrayList<>()).add(f);
    }
    List<Check> checks = new ArrayList<>();
    bySource.forEach((source, all) -> {
      List<RawFile> sorted = all.stream().sorted(Comparator.comparing(RawFile::file)).toList();
      List<RawFile> failing = sorted.stream().filter(RawFile::fails).toList();
      List<RawFile> warning = sorted.stream().filter(f -> f.problem() && !f.fails()).toList();
      List<RawFile> read = sorted.stream().filter(f -> !f.problem()).toList();
      List<String> parts = new ArrayList<>();
      if (!failing.isEmpty()) {
        parts.add(failing.size() + " of " + files(all.size()) + " quarantined whole: " + byProblem(failing));
      }
      if (!warning.isEmpty()) {
        parts.add((failing.isEmpty() ? warning.size() + " of " + files(all.size()) : warning.size() + "")
            + " not read: " + byProblem(warning));
      }
      if (!read.isEmpty()) {
        parts.add(files(read.size()) + " read, each matching its manifest ("
            + Checks.format(read.stream().mapToLong(RawFile::records).sum()) + " records)");
      }
      Status status = !failing.isEmpty() ? Status.FAIL : !warning.isEmpty() ? Status.WARN : Status.PASS;
      checks.add(new Check(CheckName.RAW_FILES.of(source), status, failing.size() + warning.size(), 0.0, 0.0,
          String.join("; ", parts)));
    });
    return checks;
  }

  /** {@code CHECKSUM_MISMATCH 1 (a.jsonl: detail), UNREADABLE 2 (b.jsonl: detail, c.jsonl: detail)}. */
  private static String byProblem(List<RawFile> problems) {
    Map<String, List<RawFile>> byStatus = new TreeMap<>();
    for (RawFile f : problems) {
      byStatus.computeIfAbsent(f.status(), k -> new ArrayList<>()).add(f);
    }
    List<String> groups = new ArrayList<>();
    byStatus.forEach((status, group) -> {
      List<String> named = new ArrayList<>();
      for (RawFile f : group.subList(0, Math.min(group.size(), FILES_NAMED))) {
        named.add(f.detail() == null ? f.file() : f.file() + ": " + f.detail());
      }
      if (group.size() > FILES_NAMED) {
        named.add((group.size() - FILES_NAMED) + " more");
      }
      groups.add(status + " " + group.size() + " (" + String.join(", ", named) + ")");
    });
    return String.join(", ", groups);
  }

  private static String files(int n) {
    return n == 1 ? "1 file" : n + " files";
  }

  /** The lines of {@code source} a report's run read per day of its range, if it says. */
  static Optional<Double> dailyVolume(QualityReport report, String source) {
    long days = LocalDate.parse(report.to()).toEpochDay() - LocalDate.parse(report.from()).toEpochDay() + 1;
    return report.sources().stream().filter(s -> s.source().equals(source)).findFirst()
        .map(s -> (double) s.read() / days);
  }

  /** Named counts, in the map's order. */
  static List<Count> counts(Map<String, Long> map) {
    return map.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
  }

  private static Freshness freshness(RunFacts facts) {
    long maxTime = facts.clickstream().profile().maxTime();
    String newestEvent = maxTime == Long.MIN_VALUE ? null
        : Instant.ofEpochMilli(maxTime).atOffset(ZoneOffset.UTC).toString();
    if (facts.newestLanded() == null) {
      return new Freshness(null, newestEvent, 0);
    }
    double hours = Duration.between(facts.newestLanded(), facts.now()).toMillis() / 3_600_000.0;
    return new Freshness(facts.newestLanded().toString(), newestEvent, Math.max(0, hours));
  }

  private static List<FieldNullRate> nullRates(RunFacts.SourceFacts source, QualityThresholds limits) {
    SourceProfile profile = source.profile();
    List<FieldNullRate> out = new ArrayList<>();
    for (String field : source.fields()) {
      long nulls = profile.nulls().getOrDefault(field, 0L);
      double rate = profile.records() == 0 ? 0 : (double) nulls / profile.records();
      Double max = limits.maxNullRates().get(field);
      Status status = max == null ? Status.PASS : rate > max ? Status.FAIL : rate > max / 2 ? Status.WARN : Status.PASS;
      out.add(new FieldNullRate(source.source(), field, nulls, profile.records(), max, status));
    }
    return out;
  }

  private static List<Count> distribution(RunFacts.SourceFacts source, String name) {
    Map<String, Long> buckets = source.profile().distributions().get(name);
    return buckets == null ? List.of() : counts(buckets);
  }

  /** The share of {@code stage}'s records removed {@code how}, checked as {@code name:<the stage's source>}. */
  private static Check rate(CheckName name, Stage stage, Removal how, QualityThresholds.Limits limits, String what) {
    return rate(name.of(stage.source()), stage.removed(how), stage.read(), limits, what);
  }

  private static Check rate(String name, long count, long total, QualityThresholds.Limits limits, String what) {
    return Checks.above(name, total == 0 ? 0 : (double) count / total, limits.warn(), limits.fail(),
        what + " (" + Checks.format(count) + " of " + Checks.format(total) + "):");
  }
}
