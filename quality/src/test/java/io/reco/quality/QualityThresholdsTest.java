package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The thresholds read from a run's settings, each key into its place, and the errors a wrong setting gives. */
class QualityThresholdsTest {
  /** Settings of a run, each threshold with values of its own so a key read into the wrong place shows. */
  private static Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    String[] names = {"reject-rate", "duplicate-rate", "bot-rate", "unknown-reference-rate", "volume-drop",
        "freshness-hours", "completeness", "drift"};
    for (int i = 0; i < names.length; i++) {
      s.put("reco.quality." + names[i] + ".warn", "0.0" + (i + 1));
      s.put("reco.quality." + names[i] + ".fail", " 0." + (i + 1) + " ");
    }
    s.put("reco.quality.trailing-runs", "5");
    return s;
  }

  private static QualityThresholds read(Map<String, String> settings, Map<String, String> nullRates) {
    return QualityThresholds.from(settings::get, nullRates);
  }

  @Test
  void readsEachThresholdFromItsKeys() {
    QualityThresholds limits = read(settings(), Map.of());
    assertEquals(new QualityThresholds.Limits(0.01, 0.1), limits.rejectRate());
    assertEquals(new QualityThresholds.Limits(0.02, 0.2), limits.duplicateRate());
    assertEquals(new QualityThresholds.Limits(0.03, 0.3), limits.botRate());
    assertEquals(new QualityThresholds.Limits(0.04, 0.4), limits.unknownReferenceRate());
    assertEquals(new QualityThresholds.Limits(0.05, 0.5), limits.volumeDrop());
    assertEquals(new QualityThresholds.Limits(0.06, 0.6), limits.freshnessHours());
    assertEquals(new QualityThresholds.Limits(0.07, 0.7), limits.completeness());
    assertEquals(new QualityThresholds.Limits(0.08, 0.8), limits.drift());
    assertEquals(5, limits.trailingRuns());
  }

  @Test
  void takesANullRateLimitForEveryFieldGiven() {
    QualityThresholds limits = read(settings(), Map.of("user_id", "0.01", "price", "0.5"));
    assertEquals(Map.of("user_id", 0.01, "price", 0.5), limits.maxNullRates());
  }

  @Test
  void namesASettingThatIsNoNumber() {
    Map<String, String> s = settings();
    s.put("reco.quality.drift.warn", "lots");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(s, Map.of()));
    assertEquals("reco.quality.drift.warn must be a number of 0 or more, was 'lots'", e.getMessage());
  }

  @Test
  void refusesANullRateLimitAboveOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(settings(), Map.of("price", "2")));
    assertEquals("reco.quality.max-null-rate.price must be a fraction from 0 to 1, was '2'", e.getMessage());
  }

  @Test
  void refusesTrailingRunsThatAreNotAWholeNumberOfOneOrMore() {
    for (String wrong : new String[] {"0", "2.5"}) {
      Map<String, String> s = settings();
      s.put("reco.quality.trailing-runs", wrong);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(s, Map.of()));
      assertEquals("reco.quality.trailing-runs must be a whole number of 1 or more, was '" + wrong + "'",
          e.getMessage());
    }
  }

  @Test
  void saysWhichKeyTheSettingsLack() {
    Map<String, String> s = settings();
    s.remove("reco.quality.bot-rate.fail");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(s, Map.of()));
    assertEquals("reco.quality.bot-rate.fail has no value: the settings handed in lack its declared default",
        e.getMessage());
  }
}
