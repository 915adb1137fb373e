package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A run's facts judged into its report: which checks it makes, what they measure and how they come out. */
class QualityAssessmentTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final LocalDate FROM = LocalDate.of(2026, 11, 20);

  /** A profile as the jobs would have merged it. */
  private record Profile(long records, Map<String, Long> nulls, Map<String, Map<String, Long>> rejects,
      Map<String, List<RejectExample>> examples, Map<String, Map<String, Long>> distributions,
      Map<String, Long> days, long maxTime) implements SourceProfile {
  }

  private static final Profile CLICKSTREAM = new Profile(1_000, Map.of("user_id", 20L, "price", 500L),
      Map.of("MISSING_FIELD", new TreeMap<>(Map.of("user_id", 20L, "-", 20L))),
      Map.of("MISSING_FIELD", List.of(new RejectExample("user_id", "a.jsonl:0", "required field missing", "{}"))),
      Map.of(RunFacts.EVENT_TYPES, new TreeMap<>(Map.of("view", 900L, "purchase", 60L))),
      new TreeMap<>(Map.of("2026-11-20", 500L, "2026-11-21", 460L)), Instant.parse("2026-11-21T23:00:00Z")
      .toEpochMilli());
  private static final RunFacts.SourceFacts EVENTS = new RunFacts.SourceFacts("clickstream",
      List.of("user_id", "price"), List.of(RunFacts.EVENT_TYPES), CLICKSTREAM);
  private static final List<Stage> STAGES = List.of(
      StageName.VALIDATE.stage("clickstream", 1_000, 960, List.of(Removal.QUARANTINED.count(40))),
      StageName.CLEAN.stage("clickstream", 960, 900, List.of(Removal.DUPLICATES.count(10),
          Removal.NEAR_DUPLICATES.count(5), Removal.BOTS.count(45))),
      StageName.REFERENCES.stage("catalog", "clickstream", 900, 890,
          List.of(Removal.UNKNOWN.count("product_id", 10))),
      StageName.VALIDATE_ORDERS.stage("transactions", 100, 95, List.of(Removal.QUARANTINED.count(3),
          Removal.DUPLICATES.count(2))));

  private static QualityThresholds limits() {
    Map<String, String> s = new HashMap<>();
    for (String name : List.of("reject-rate", "duplicate-rate", "bot-rate", "unknown-reference-rate",
        "volume-drop", "drift")) {
      s.put("reco.quality." + name + ".warn", "0.01");
      s.put("reco.quality." + name + ".fail", "0.05");
    }
    s.put("reco.quality.freshness-hours.warn", "3");
    s.put("reco.quality.freshness-hours.fail", "6");
    s.put("reco.quality.completeness.warn", "1.0");
    s.put("reco.quality.completeness.fail", "0.5");
    s.put("reco.quality.trailing-runs", "2");
    return QualityThresholds.from(s::get, Map.of("user_id", "0.01"));
  }

  private static RunFacts facts(List<Stage> stages, List<RunFacts.ReferenceCheck> references) {
    return new RunFacts("run-2", NOW, FROM, FROM.plusDays(1), stages,
        List.of(new SourceVolume("clickstream", 1_000, 890, 50)), EVENTS, null, List.of(), references, 2, 30,
        Instant.parse("2026-11-22T10:00:00Z"));
  }

  private static QualityReport assess(List<QualityReport> earlier) {
    return QualityAssessment.assess(facts(STAGES, List.of(new RunFacts.ReferenceCheck("product_id", "catalog", true,
        900, 10, 0))), limits(), earlier);
  }

  private static Check check(QualityReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.checks()));
  }

  @Test
  void namesEveryCheckByWhatItJudges() {
    assertEquals(List.of("reconciliation:validate", "reconciliation:clean", "reconciliation:references-catalog",
        "reconciliation:validate-orders", "rejects:clickstream", "duplicates:clickstream",
        "near-duplicates:clickstream", "bots:clickstream", "rejects:transactions", "duplicates:transactions",
        "references:product_id", "nulls:clickstream.user_id", "volume", "freshness", "completeness"),
        assess(List.of()).checks().stream().map(Check::name).toList());
  }

  @Test
  void ratesWhatEachStageRemovedAgainstWhatItRead() {
    QualityReport report = assess(List.of());
    assertEquals(0.04, check(report, CheckName.REJECTS.of("clickstream")).value(), 1e-12);
    assertEquals(Status.WARN, check(report, CheckName.REJECTS.of("clickstream")).status());
    assertEquals(45 / 960.0, check(report, CheckName.BOTS.of("clickstream")).value(), 1e-12);
    assertEquals(5 / 960.0, check(report, CheckName.NEAR_DUPLICATES.of("clickstream")).value(), 1e-12);
    assertEquals(0.03, check(report, CheckName.REJECTS.of("transactions")).value(), 1e-12);
    assertEquals(10 / 900.0, check(report, CheckName.REFERENCES.of("product_id")).value(), 1e-12);
  }

  @Test
  void failsAStageThatDoesNotReconcile() {
    Stage lossy = StageName.CLEAN.stage("clickstream", 960, 900, List.of(Removal.BOTS.count(45)));
    Check reconciliation = check(QualityAssessment.assess(facts(List.of(lossy), List.of()), limits(), List.of()),
        CheckName.RECONCILIATION.of("clean"));
    assertEquals(Status.FAIL, reconciliation.status());
    assertEquals(15, reconciliation.value());
    assertEquals("clean read 960 = kept 900 + removed 45", reconciliation.message());
  }

  @Test
  void listsTheNullRateOfEveryFieldAndChecksThoseWithALimit() {
    QualityReport report = assess(List.of());
    assertEquals(List.of(new FieldNullRate("clickstream", "user_id", 20, 1_000, 0.01, Status.FAIL),
        new FieldNullRate("clickstream", "price", 500, 1_000, null, Status.PASS)), report.nullRates());
    assertEquals(Status.FAIL, check(report, CheckName.NULLS.of("clickstream.user_id")).status());
    assertTrue(report.checks().stream().noneMatch(c -> c.name().equals(CheckName.NULLS.of("clickstream.price"))),
        "an optional field without a limit is listed, not checked");
  }

  @Test
  void warnsWhereAMasterSnapshotIsMissing() {
    Check references = check(QualityAssessment.assess(facts(STAGES, List.of(new RunFacts.ReferenceCheck("user_id",
        "customers", false, 890, 0, 0))), limits(), List.of()), CheckName.REFERENCES.of("user_id"));
    assertEquals(Status.WARN, references.status());
    assertEquals("no customers snapshot in the raw zone: user_id not checked", references.message());
  }

  @Test
  void reportsTheClickstreamsEventTypesDaysAndFreshness() {
    QualityReport report = assess(List.of());
    assertEquals(List.of(new Count("purchase", 60), new Count("view", 900)), report.eventTypes());
    assertEquals(List.of(new Count("2026-11-20", 500), new Count("2026-11-21", 460)), report.days());
    assertEquals(new Freshness("2026-11-22T10:00:00Z", "2026-11-21T23:00Z", 2.0), report.freshness());
    assertEquals(Status.PASS, check(report, CheckName.FRESHNESS.label()).status());
    assertEquals(Status.PASS, check(report, CheckName.COMPLETENESS.label()).status());
  }

  @Test
  void judgesVolumeAgainstTheTrailingRunsAndDriftAgainstThePreviousOne() {
    QualityReport first = assess(List.of());
    QualityReport bigger = new QualityReport("run-1", "2026-11-21T12:00:00Z", "2026-11-19", "2026-11-20",
        List.of(new SourceVolume("clickstream", 4_000, 3_900, 100)), List.of(), List.of(), List.of(), List.of(),
        List.of(), null, List.of(new Distribution(RunFacts.EVENT_TYPES, List.of(new Count("view", 500),
        new Count("purchase", 500)), List.of(), null)), List.of());
    QualityReport report = assess(List.of(first, bigger));

    Check volume = check(report, CheckName.VOLUME.label());
    assertEquals(1 - 500 / 1_250.0, volume.value(), 1e-12, "500 a day against the average of 500 and 2,000");
    assertEquals(Status.FAIL, volume.status());
    Distribution types = report.distributions().get(0);
    assertEquals(bigger.distributions().get(0).current(), types.previous(), "the previous run is the last");
    assertEquals(PopulationStability.index(types.previous(), types.current()), types.psi(), 1e-12);
    assertEquals(Status.FAIL, check(report, CheckName.DRIFT.of(RunFacts.EVENT_TYPES)).status());
    assertNull(first.distributions().get(0).psi(), "no previous run, no index");
  }

  @Test
  void turnsAProfilesRejectsIntoOneEntryPerReason() {
    assertEquals(List.of(new Rejects("clickstream", "MISSING_FIELD", 40, List.of(new Count("-", 20),
        new Count("user_id", 20)), CLICKSTREAM.examples().get("MISSING_FIELD"))), EVENTS.rejects());
  }
}
