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
    return facts(stages, references, List.of());
  }

  private static RunFacts facts(List<Stage> stages, List<RunFacts.ReferenceCheck> references, List<RawFile> files) {
    return new RunFacts("run-2", NOW, FROM, FROM.plusDays(1), stages,
        List.of(new SourceVolume("clickstream", 1_000, 890, 50)), EVENTS, null, List.of(), references, 2, 30,
        Instant.parse("2026-11-22T10:00:00Z"), files);
  }

  private static QualityReport assessFiles(RawFile... files) {
    return QualityAssessment.assess(facts(STAGES, List.of(), List.of(files)), limits(), List.of());
  }

  private static RawFile read(String source, String file, long records) {
    return new RawFile(source, file, RawFile.READ, false, null, records, records, records - 1, 1);
  }

  private static RawFile problem(String file, String status, boolean fails, String detail) {
    return new RawFile("clickstream", file, status, fails, detail, 0, fails ? 10 : -1, 0, 0);
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
        new Count("purchase", 500)), List.of(), null)), List.of(), List.of());
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

  @Test
  void failsASourceWithAFileQuarantinedWholeAndNamesIt() {
    Check files = check(assessFiles(read("clickstream", "dt=2026-11-20/hour=01/a.jsonl", 600),
        problem("dt=2026-11-20/hour=03/a.jsonl", "CHECKSUM_MISMATCH", true, "holds 1,204 bytes with MD5 9e10, its "
            + "manifest 1,210 bytes with MD5 e4d9"),
        read("clickstream", "dt=2026-11-20/hour=02/a.jsonl", 400)), CheckName.RAW_FILES.of("clickstream"));
    assertEquals(Status.FAIL, files.status());
    assertEquals("1 of 3 files quarantined whole: CHECKSUM_MISMATCH 1 (dt=2026-11-20/hour=03/a.jsonl: holds 1,204 "
        + "bytes with MD5 9e10, its manifest 1,210 bytes with MD5 e4d9); 2 files read, each matching its manifest "
        + "(1,000 records)", files.message());
  }

  @Test
  void countsTheFailingFilesByProblemAndNamesOnlyTheFirstFew() {
    Check files = check(assessFiles(problem("h=05/e.jsonl", "UNREADABLE", true, "truncated gzip stream"),
        problem("h=01/a.jsonl", "COUNT_MISMATCH", true, "9 records, its manifest 10"),
        problem("h=04/d.jsonl", "COUNT_MISMATCH", true, "8 records, its manifest 10"),
        problem("h=02/b.jsonl", "COUNT_MISMATCH", true, "7 records, its manifest 10"),
        problem("h=03/c.jsonl", "COUNT_MISMATCH", true, "6 records, its manifest 10"),
        problem("h=06/f.jsonl", "UNCOMMITTED", false, "no manifest")), CheckName.RAW_FILES.of("clickstream"));
    assertEquals("5 of 6 files quarantined whole: COUNT_MISMATCH 4 (h=01/a.jsonl: 9 records, its manifest 10, "
        + "h=02/b.jsonl: 7 records, its manifest 10, h=03/c.jsonl: 6 records, its manifest 10, 1 more), UNREADABLE 1 "
        + "(h=05/e.jsonl: truncated gzip stream); 1 not read: UNCOMMITTED 1 (h=06/f.jsonl: no manifest)",
        files.message());
    assertEquals(6, files.value(), "files with a problem");
  }

  @Test
  void warnsOfFilesLeftUnreadWhenNoneFails() {
    Check files = check(assessFiles(read("clickstream", "dt=2026-11-20/hour=01/a.jsonl", 600),
        problem("dt=2026-11-20/hour=02/a.jsonl", "UNCOMMITTED", false, "no manifest: not committed"),
        problem("dt=2026-11-20/hour=7", "UNEXPECTED_ENTRY", false, "a directory the layout has no place for")),
        CheckName.RAW_FILES.of("clickstream"));
    assertEquals(Status.WARN, files.status());
    assertEquals("2 of 3 files not read: UNCOMMITTED 1 (dt=2026-11-20/hour=02/a.jsonl: no manifest: not committed), "
        + "UNEXPECTED_ENTRY 1 (dt=2026-11-20/hour=7: a directory the layout has no place for); 1 file read, each "
        + "matching its manifest (600 records)", files.message());
  }

  @Test
  void passesASourceWhoseFilesAllMatchTheirManifests() {
    Check files = check(assessFiles(read("clickstream", "dt=2026-11-20/hour=01/a.jsonl", 600),
        read("clickstream", "dt=2026-11-21/hour=01/a.jsonl", 1_400)), CheckName.RAW_FILES.of("clickstream"));
    assertEquals(Status.PASS, files.status());
    assertEquals(0, files.value());
    assertEquals("2 files read, each matching its manifest (2,000 records)", files.message());
  }

  @Test
  void judgesTheFilesOfEachSourceApartBeforeTheStages() {
    QualityReport report = assessFiles(read("orders", "orders/dt=2026-11-20/a.csv", 10),
        problem("clickstream/dt=2026-11-20/hour=01/a.jsonl", "BAD_MANIFEST", true, "the manifest lacks its MD5"));
    assertEquals(List.of("raw-files:orders", "raw-files:clickstream", "reconciliation:validate"),
        report.checks().stream().map(Check::name).limit(3).toList());
    assertEquals(Status.PASS, check(report, CheckName.RAW_FILES.of("orders")).status());
    assertEquals(Status.FAIL, check(report, CheckName.RAW_FILES.of("clickstream")).status());
  }

  @Test
  void carriesTheFilesIntoTheReport() {
    RawFile file = read("clickstream", "dt=2026-11-20/hour=01/a.jsonl", 600);
    assertEquals(List.of(file), assessFiles(file).files());
  }

  @Test
  void ratesConflictingEventIdsAgainstTheEventsCleanRead() {
    Stage clean = StageName.CLEAN.stage("clickstream", 1_000, 970, List.of(Removal.DUPLICATES.count(10),
        Removal.CONFLICTS.count(20)));
    Check conflicts = check(QualityAssessment.assess(facts(List.of(clean), List.of()), limits(), List.of()),
        CheckName.CONFLICTS.of("clickstream"));
    assertEquals(0.02, conflicts.value(), 1e-12);
    assertEquals(Status.WARN, conflicts.status(), "the duplicate-rate thresholds: warn above 0.01, fail above 0.05");
    assertEquals("share of events whose event_id two or more users use (20 of 1,000): 0.02, above the warning "
        + "threshold 0.01", conflicts.message());
  }

  @Test
  void checksNoConflictsWhereCleanCountedNone() {
    assertTrue(assess(List.of()).checks().stream().noneMatch(c -> c.name().startsWith(CheckName.CONFLICTS.label())),
        "the stage has no conflicts removal");
  }

  @Test
  void reconcilesTheRecordsOfFilesRejectedWhole() {
    Stage validate = StageName.VALIDATE.stage("clickstream", 1_000, 900, List.of(Removal.QUARANTINED.count(40),
        Removal.IN_REJECTED_FILES.count(60)));
    Check reconciliation = check(QualityAssessment.assess(facts(List.of(validate), List.of()), limits(), List.of()),
        CheckName.RECONCILIATION.of("validate"));
    assertEquals(Status.PASS, reconciliation.status());
    assertEquals("validate read 1,000 = kept 900 + removed 100", reconciliation.message());
  }

  @Test
  void leavesTheRecordsOfRejectedFilesOutOfTheRejectRate() {
    Stage validate = StageName.VALIDATE.stage("clickstream", 1_000, 900, List.of(Removal.QUARANTINED.count(40),
        Removal.IN_REJECTED_FILES.count(60)));
    Check rejects = check(QualityAssessment.assess(facts(List.of(validate), List.of()), limits(), List.of()),
        CheckName.REJECTS.of("clickstream"));
    assertEquals(0.04, rejects.value(), 1e-12, "the raw-files check judges the files; this, the records one by one");
  }
}
