package io.reco.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.quality.QualityThresholds;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The per-task profile, the event profiler that fills it, and the thresholds runs are judged by. */
class ProfileTest {
  private static InteractionEvent event(String time, Double price, String device) {
    return InteractionEvent.newBuilder().setEventId("e").setUserId("u").setProductId("p")
        .setEventType(EventType.view).setTimestamp(Instant.parse(time).toEpochMilli()).setSessionId("s")
        .setPrice(price).setDeviceType(device).build();
  }

  @Test
  void theProfilerCountsBucketsMissingFieldsAndDays() {
    EventProfiler profiler = new EventProfiler();
    profiler.observe(event("2026-11-01T23:30:00Z", 9.99, "mobile"));
    profiler.observe(event("2026-11-02T00:10:00Z", 10.0, "mobile"));
    profiler.observe(event("2026-11-02T00:20:00Z", null, null));
    RecordProfile profile = new RecordProfile();
    profiler.addTo(profile);
    assertEquals(Map.of("0-10", 1L, "10-50", 1L, "none", 1L), profile.distributions().get("price_band"));
    assertEquals(Map.of("23", 1L, "00", 2L), profile.distributions().get("hour_of_day"));
    assertEquals(Map.of("mobile", 2L, "(none)", 1L), profile.distributions().get("device_type"));
    assertEquals(Map.of("view", 3L), profile.distributions().get("event_type"));
    assertEquals(Map.of("2026-11-01", 1L, "2026-11-02", 2L), profile.days());
    assertEquals(1L, profile.nulls().get("price"));
    assertEquals(3L, profile.nulls().get("rating"));
    assertEquals(Instant.parse("2026-11-01T23:30:00Z").toEpochMilli(), profile.minTime());
  }

  @Test
  void openEndedDistributionsKeepAtMostFiftyBuckets() {
    EventProfiler profiler = new EventProfiler();
    for (int i = 0; i < 80; i++) {
      profiler.observe(event("2026-11-01T10:00:00Z", 1.0, "device-" + i));
    }
    RecordProfile profile = new RecordProfile();
    profiler.addTo(profile);
    Map<String, Long> devices = profile.distributions().get("device_type");
    assertEquals(EventProfiler.MAX_BUCKETS + 1, devices.size());
    assertEquals(30L, devices.get(EventProfiler.OTHER));
  }

  @Test
  void profilesMergeAndSurviveTheirJsonLine() {
    RecordProfile a = new RecordProfile();
    a.read();
    a.read();
    a.reject("MISSING_FIELD", "user_id", "a.jsonl:0", "required field 'user_id' missing", "{\"x\":1}");
    a.count("event_type", "view", 1);
    RecordProfile b = new RecordProfile();
    b.read();
    for (int i = 0; i < 5; i++) {
      b.reject("MISSING_FIELD", "user_id", "b.jsonl:" + i, "missing", "{}");
    }
    b.count("event_type", "view", 2);
    RecordProfile merged = RecordProfile.fromJson(a.toJson()).merge(RecordProfile.fromJson(b.toJson()));
    assertEquals(3, merged.records());
    assertEquals(Map.of("user_id", 6L), merged.rejects().get("MISSING_FIELD"));
    assertEquals(6L, merged.nulls().get("user_id"), "a missing required field is that field's null");
    assertEquals(RecordProfile.EXAMPLES, merged.examples().get("MISSING_FIELD").size());
    assertEquals("a.jsonl:0", merged.examples().get("MISSING_FIELD").get(0).position(), "the first examples first");
    assertEquals(3L, merged.distributions().get("event_type").get("view"));
    assertThrows(IllegalArgumentException.class, () -> RecordProfile.fromJson("{not json"));
  }

  @Test
  void theProfilerWatchesTheKeyDistributions() {
    assertEquals(List.of("event_type", "hour_of_day", "price_band", "device_type"), EventProfiler.DISTRIBUTIONS);
  }

  @Test
  void thresholdsTakeWhatARunSets() {
    Configuration conf = new Configuration(false);
    conf.set("reco.quality.reject-rate.fail", "0.2");
    conf.set("reco.quality.max-null-rate.price", "0.5");
    QualityThresholds limits = BronzeToSilverTool.thresholds(conf);
    assertEquals(0.2, limits.rejectRate().fail());
    assertEquals(0.5, limits.maxNullRates().get("price"), "an optional field's limit, set by the run");
  }

  @Test
  void thresholdsReadExactlyTheQualityKeysTheReferenceDeclares() {
    Set<String> read = new TreeSet<>();
    Configuration reference = Settings.defaults();
    QualityThresholds.from(key -> {
      read.add(key);
      return Settings.get(reference, key);
    }, Map.of());
    Set<String> declared = new TreeSet<>();
    Settings.declared().stream().filter(k -> k.startsWith(QualityThresholds.PREFIX)
        && !k.startsWith(QualityThresholds.MAX_NULL_RATE)).forEach(declared::add);
    assertEquals(declared, read);
  }

  @Test
  void thresholdsDefaultToTheSettingsReference() {
    Configuration reference = Settings.defaults();
    QualityThresholds limits = BronzeToSilverTool.thresholds(new Configuration(false));
    assertEquals(new QualityThresholds.Limits(Settings.getDouble(reference, "reco.quality.reject-rate.warn"),
        Settings.getDouble(reference, "reco.quality.reject-rate.fail")), limits.rejectRate());
    assertEquals(new QualityThresholds.Limits(Settings.getDouble(reference, "reco.quality.completeness.warn"),
        Settings.getDouble(reference, "reco.quality.completeness.fail")), limits.completeness());
    assertEquals(Settings.getInt(reference, QualityThresholds.TRAILING_RUNS), limits.trailingRuns());
    Map<String, Double> required = new TreeMap<>();
    Settings.withPrefix(reference, QualityThresholds.MAX_NULL_RATE).forEach((field, rate) ->
        required.put(field, Double.valueOf(rate)));
    assertEquals(List.of("event_id", "event_type", "product_id", "session_id", "timestamp", "user_id"),
        List.copyOf(required.keySet()), "the reference declares a limit for each required field");
    assertEquals(required, limits.maxNullRates(), "and no optional field has one unless set");
  }

  @Test
  void thresholdsNameASettingThatMakesNoSense() {
    Configuration conf = new Configuration(false);
    conf.set("reco.quality.drift.warn", "lots");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BronzeToSilverTool.thresholds(conf));
    assertEquals("reco.quality.drift.warn must be a number of 0 or more, was 'lots'", e.getMessage());
  }
}
