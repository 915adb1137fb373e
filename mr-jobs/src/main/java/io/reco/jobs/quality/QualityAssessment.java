package io.reco.jobs.quality;

import io.reco.quality.Check;
import io.reco.quality.Checks;
import io.reco.quality.Count;
import io.reco.quality.Distribution;
import io.reco.quality.FieldNullRate;
import io.reco.quality.Freshness;
import io.reco.quality.PopulationStability;
import io.reco.quality.QualityReport;
import io.reco.quality.SourceVolume;
import io.reco.quality.Stage;
import io.reco.quality.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges one run's {@link RunFacts} against {@link QualityThresholds} and the reports of earlier runs: reconciliation,
 * reject, duplicate and bot rates, unknown references, null rates per field, volume against the trailing average,
 * freshness, completeness of the range, and drift of the key distributions (population stability index).
 */
public final class QualityAssessment {
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
    List<Check> checks = new ArrayList<>();
    for (Stage stage : facts.stages()) {
      long removed = stage.removed().stream().mapToLong(Count::count).sum();
      checks.add(new Check("reconciliation:" + stage.name(), stage.reconciles() ? Status.PASS : Status.FAIL,
          stage.read() - stage.kept() - removed, null, 0.0, String.format("%s read %s = kept %s + removed %s",
          stage.name(), Checks.format(stage.read()), Checks.format(stage.kept()), Checks.format(removed))));
    }
    long read = facts.clickstream().records();
    for (Stage stage : facts.stages()) {
      switch (stage.name()) {
        case "validate" -> checks.add(rate("rejects:clickstream", count(stage, "quarantined"), stage.read(),
            limits.rejectRate(), "share of clickstream lines quarantined"));
        case "clean" -> {
          checks.add(rate("duplicates:clickstream", count(stage, "duplicates"), stage.read(),
              limits.duplicateRate(), "share of events repeating an event_id"));
          checks.add(rate("near-duplicates:clickstream", count(stage, "near duplicates"), stage.read(),
              limits.duplicateRate(), "share of near duplicate events"));
          checks.add(rate("bots:clickstream", count(stage, "bots"), stage.read(), limits.botRate(),
              "share of events from users judged bots"));
        }
        case "validate-orders" -> {
          checks.add(rate("rejects:transactions", count(stage, "quarantined"), stage.read(), limits.rejectRate(),
              "share of transaction rows quarantined"));
          checks.add(rate("duplicates:transactions", count(stage, "duplicates"), stage.read(),
              limits.duplicateRate(), "share of transaction rows repeating an order or order line"));
        }
        default -> {
          // the reference joins are judged below, per reference
        }
      }
    }
    for (RunFacts.ReferenceCheck ref : facts.references()) {
      if (!ref.checked()) {
        checks.add(new Check("references:" + ref.field(), Status.WARN, 0, null, null, "no " + ref.entity()
            + " snapshot in the raw zone: " + ref.field() + " not checked"));
      } else {
        checks.add(rate("references:" + ref.field(), ref.unknown(), ref.read(), limits.unknownReferenceRate(),
            "share of events whose " + ref.field() + " is not in the " + ref.entity() + " snapshot"));
      }
      if (ref.kept() > 0) {
        checks.add(new Check("guests:" + ref.field(), Status.PASS, (double) ref.kept() / ref.read(), null, null,
            Checks.format(ref.kept()) + " events of " + ref.field() + "s not in the " + ref.entity()
                + " snapshot kept in silver as guests: share " + Checks.format((double) ref.kept() / ref.read())));
      }
    }
    List<FieldNullRate> nullRates = nullRates(EventProfiler.SOURCE, EventProfiler.FIELDS, facts.clickstream(),
        limits);
    for (FieldNullRate n : nullRates) {
      if (n.maxRate() != null) {
        checks.add(Checks.above("nulls:" + n.source() + "." + n.field(), n.rate(), n.maxRate() / 2, n.maxRate(),
            "null rate of " + n.field()));
      }
    }
    List<QualityReport> trailing = earlier.subList(Math.max(0, earlier.size() - limits.trailingRuns()),
        earlier.size());
    double daily = (double) read / facts.daysInRange();
    List<Double> trailingDaily = trailing.stream().map(QualityAssessment::dailyVolume).flatMap(Optional::stream)
        .toList();
    checks.add(Checks.volumeDrop(daily, trailingDaily, limits.volumeDrop().warn(), limits.volumeDrop().fail()));
    Freshness freshness = freshness(facts);
    if (facts.newestLanded() == null) {
      checks.add(new Check("freshness", Status.FAIL, 0, limits.freshnessHours().warn(),
          limits.freshnessHours().fail(), "no committed clickstream file in the raw zone"));
    } else {
      checks.add(Checks.above("freshness", freshness.hoursSinceLanded(), limits.freshnessHours().warn(),
          limits.freshnessHours().fail(), "hours since the newest clickstream file landed:"));
    }
    checks.add(Checks.below("completeness", (double) facts.daysWithData() / facts.daysInRange(),
        limits.completeness().warn(), limits.completeness().fail(), facts.daysWithData() + " of "
        + facts.daysInRange() + " days have data (" + facts.hourPartitions() + " hour partitions): share"));
    QualityReport previous = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
    List<Distribution> distributions = new ArrayList<>();
    for (String name : EventProfiler.DISTRIBUTIONS) {
      List<Count> current = counts(facts.clickstream().distributions().getOrDefault(name, new TreeMap<>()));
      List<Count> before = previous == null ? List.of() : previous.distributions().stream()
          .filter(d -> d.name().equals(name)).findFirst().map(Distribution::current).orElse(List.of());
      Double psi = before.isEmpty() ? null : PopulationStability.index(before, current);
      distributions.add(new Distribution(name, current, before, psi));
      if (psi != null) {
        checks.add(Checks.above("drift:" + name, psi, limits.drift().warn(), limits.drift().fail(),
            "population stability index of " + name + " against run " + previous.runId() + ":"));
      }
    }
    List<Count> eventTypes = counts(facts.clickstream().distributions().getOrDefault("event_type",
        new TreeMap<>()));
    List<FieldNullRate> allNulls = new ArrayList<>(nullRates);
    if (facts.orders() != null) {
      allNulls.addAll(nullRates(BronzeToSilverTool.TRANSACTIONS, List.of("customer_id", "currency", "country"),
          facts.orders(), limits));
    }
    return new QualityReport(facts.runId(), facts.now().toString(), facts.from().toString(), facts.to().toString(),
        facts.sources(), facts.stages(), eventTypes, counts(facts.clickstream().days()), allNulls, facts.rejects(),
        freshness, distributions, checks);
  }

  /** The clickstream lines a report's run read per day of its range, if it says. */
  static Optional<Double> dailyVolume(QualityReport report) {
    Optional<SourceVolume> clickstream = report.sources().stream()
        .filter(s -> s.source().equals(EventProfiler.SOURCE)).findFirst();
    long days = LocalDate.parse(report.to()).toEpochDay() - LocalDate.parse(report.from()).toEpochDay() + 1;
    return clickstream.map(s -> (double) s.read() / days);
  }

  private static Freshness freshness(RunFacts facts) {
    String newestEvent = facts.clickstream().maxTime() == Long.MIN_VALUE ? null
        : Instant.ofEpochMilli(facts.clickstream().maxTime()).atOffset(ZoneOffset.UTC).toString();
    if (facts.newestLanded() == null) {
      return new Freshness(null, newestEvent, 0);
    }
    double hours = Duration.between(facts.newestLanded(), facts.now()).toMillis() / 3_600_000.0;
    return new Freshness(facts.newestLanded().toString(), newestEvent, Math.max(0, hours));
  }

  private static List<FieldNullRate> nullRates(String source, List<String> fields, RecordProfile profile,
      QualityThresholds limits) {
    List<FieldNullRate> out = new ArrayList<>();
    for (String field : fields) {
      long nulls = profile.nulls().getOrDefault(field, 0L);
      double rate = profile.records() == 0 ? 0 : (double) nulls / profile.records();
      Double max = limits.maxNullRates().get(field);
      Status status = max == null ? Status.PASS : rate > max ? Status.FAIL : rate > max / 2 ? Status.WARN : Status.PASS;
      out.add(new FieldNullRate(source, field, nulls, profile.records(), max, status));
    }
    return out;
  }

  private static Check rate(String name, long count, long total, QualityThresholds.Limits limits, String what) {
    return Checks.above(name, total == 0 ? 0 : (double) count / total, limits.warn(), limits.fail(),
        what + " (" + Checks.format(count) + " of " + Checks.format(total) + "):");
  }

  private static long count(Stage stage, String removed) {
    return stage.removed().stream().filter(c -> c.name().equals(removed)).mapToLong(Count::count).sum();
  }

  private static List<Count> counts(Map<String, Long> map) {
    return map.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
  }
}
