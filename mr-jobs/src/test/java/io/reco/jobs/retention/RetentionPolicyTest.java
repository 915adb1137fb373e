package io.reco.jobs.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The decision for one unit, without a file system. */
class RetentionPolicyTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-12-03");
  private static final RetentionPolicy.Size HUNDRED = new RetentionPolicy.Size(100, 0);
  private final RetentionPolicy policy = new RetentionPolicy(limits(730, 365, 183, 90, 90));
  private final Protection none = new Protection();

  @Test
  void aUnitExactlyAtItsLimitStays() throws IOException {
    Decision d = policy.decide(quarantine(AS_OF.minusDays(90)), AS_OF, none, u -> HUNDRED);
    assertEquals(Verdict.KEPT, d.verdict());
    assertEquals(90, d.ageDays());
  }

  @Test
  void aUnitOneDayPastItsLimitGoesWithItsBytes() throws IOException {
    Decision d = policy.decide(quarantine(AS_OF.minusDays(91)), AS_OF, none, u -> HUNDRED);
    assertEquals(new Decision(quarantine(AS_OF.minusDays(91)), Verdict.DELETED, 91, 100, null), d);
  }

  @Test
  void eachClassHasItsOwnLimit() throws IOException {
    RetentionUnit training = new RetentionUnit("file:/w/v1/gold/training", "/w/v1/gold/training", "/w/v1",
        RetentionClass.TRAINING, AS_OF.minusDays(200), "v1", null);
    RetentionUnit features = new RetentionUnit("file:/w/v1", "/w/v1", "/w/v1", RetentionClass.FEATURES,
        AS_OF.minusDays(200), "v1", null);
    assertEquals(Verdict.DELETED, policy.decide(training, AS_OF, none, u -> HUNDRED).verdict());
    assertEquals(Verdict.KEPT, policy.decide(features, AS_OF, none, u -> HUNDRED).verdict());
  }

  @Test
  void aUnitWithinItsLimitIsNotMeasured() throws IOException {
    AtomicInteger measured = new AtomicInteger();
    Decision d = policy.decide(quarantine(AS_OF.minusDays(3)), AS_OF, none, u -> {
      measured.incrementAndGet();
      return HUNDRED;
    });
    assertEquals(0, measured.get());
    assertEquals(0, d.bytes());
  }

  @Test
  void anOldDayWhoseHourALineageNamesIsProtectedByThatVersion() throws IOException {
    Protection p = new Protection().version("v2", "active").path("v2", "/raw/clickstream/dt=2024-01-01/hour=05");
    Decision d = policy.decide(raw("dt=2024-01-01"), AS_OF, p, u -> HUNDRED);
    assertEquals(Verdict.PROTECTED, d.verdict());
    assertEquals("named by v2 (active)", d.why());
  }

  @Test
  void aLineagePathProtectsWholePathComponentsOnly() throws IOException {
    Protection p = new Protection().version("v2", "active").path("v2", "/raw/clickstream/dt=2024-01-01x/hour=05");
    assertEquals(Verdict.DELETED, policy.decide(raw("dt=2024-01-01"), AS_OF, p, u -> HUNDRED).verdict());
  }

  @Test
  void aRunNamedAsAVersionIsProtectedByItsName() throws IOException {
    Protection p = new Protection().version("v20250101-000000", "rollback target");
    RetentionUnit training = new RetentionUnit("file:/w/v20250101-000000/gold/training",
        "/w/v20250101-000000/gold/training", "/w/v20250101-000000", RetentionClass.TRAINING,
        LocalDate.parse("2025-01-01"), "v20250101-000000", null);
    assertEquals("named by v20250101-000000 (rollback target)", policy.decide(training, AS_OF, p, u -> HUNDRED).why());
  }

  @Test
  void aRunWhoseSilverALineageNamesIsProtectedInEveryPart() throws IOException {
    Protection p = new Protection().version("v9", "candidate").path("v9", "/w/daily-1/silver/");
    RetentionUnit logs = new RetentionUnit("file:/w/daily-1/silver/impressions", "/w/daily-1/silver/impressions",
        "/w/daily-1", RetentionClass.SERVING_LOGS, LocalDate.parse("2025-01-01"), "daily-1", null);
    assertEquals(Verdict.PROTECTED, policy.decide(logs, AS_OF, p, u -> HUNDRED).verdict());
  }

  @Test
  void aHeldUnitStaysAndSaysWhy() throws IOException {
    RetentionUnit latest = new RetentionUnit("file:/raw/master/catalog/snapshot=2020-01-01",
        "/raw/master/catalog/snapshot=2020-01-01", "/raw/master/catalog/snapshot=2020-01-01", RetentionClass.RAW,
        LocalDate.parse("2020-01-01"), null, "the newest snapshot");
    Decision d = policy.decide(latest, AS_OF, none, u -> HUNDRED);
    assertEquals(Verdict.HELD, d.verdict());
    assertEquals("the newest snapshot", d.why());
  }

  @Test
  void anOldUnitWithAFileStillBeingWrittenIsHeld() throws IOException {
    Decision d = policy.decide(raw("dt=2020-01-01"), AS_OF, none, u -> new RetentionPolicy.Size(300, 2));
    assertEquals(Verdict.HELD, d.verdict());
    assertEquals("2 file(s) still being written", d.why());
  }

  @Test
  void aDayAfterTheAsOfDayStays() throws IOException {
    Decision d = policy.decide(raw("dt=2027-01-01"), AS_OF, none, u -> HUNDRED);
    assertEquals(Verdict.KEPT, d.verdict());
    assertNull(d.why());
  }

  @Test
  void aLimitBelowOneDayIsRefusedNamingItsSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RetentionPolicy(limits(730, 365, 183, 0, 90)));
    assertEquals("reco.retention.serving-logs-days must be 1 day or more, was 0", e.getMessage());
  }

  @Test
  void theLimitsComeFromTheSettingsReference() {
    RetentionPolicy defaults = RetentionJob.policy(io.reco.records.Settings.create());
    assertEquals("raw 730 d, features 365 d, training 183 d, serving-logs 90 d, quarantine 90 d",
        defaults.describe());
  }

  private static RetentionUnit quarantine(LocalDate day) {
    String key = "/raw/quarantine/clickstream/dt=" + day;
    return new RetentionUnit("file:" + key, key, key, RetentionClass.QUARANTINE, day, null, null);
  }

  private static RetentionUnit raw(String partition) {
    String key = "/raw/clickstream/" + partition;
    return new RetentionUnit("file:" + key, key, key, RetentionClass.RAW,
        LocalDate.parse(partition.substring(3)), null, null);
  }

  static Map<RetentionClass, Integer> limits(int raw, int features, int training, int logs, int quarantine) {
    Map<RetentionClass, Integer> days = new EnumMap<>(RetentionClass.class);
    days.put(RetentionClass.RAW, raw);
    days.put(RetentionClass.FEATURES, features);
    days.put(RetentionClass.TRAINING, training);
    days.put(RetentionClass.SERVING_LOGS, logs);
    days.put(RetentionClass.QUARANTINE, quarantine);
    return days;
  }
}
