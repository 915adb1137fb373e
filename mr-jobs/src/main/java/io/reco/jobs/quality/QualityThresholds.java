package io.reco.jobs.quality;

import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The thresholds a bronze-to-silver run judges its data by, from {@code reco.quality.*} settings. Each check has a
 * warning and a failure threshold; a failure stops the schedule.
 *
 * @param rejectRate quarantined share of records read: warn, fail (default 0.01, 0.05)
 * @param duplicateRate share of exact and near duplicates (default 0.05, 0.5)
 * @param botRate share of events from bots (default 0.05, 0.3)
 * @param unknownReferenceRate share of events of unknown products or users (default 0.001, 0.05)
 * @param volumeDrop drop of daily volume against the trailing average of earlier runs (default 0.1, 0.2)
 * @param trailingRuns earlier runs the trailing average spans (default 7)
 * @param freshnessHours hours since the newest committed raw file landed (default 3, 6)
 * @param completeness share of the range's days with data: warn below, fail below (default 1.0, 0.5)
 * @param drift population stability index against the previous run (default 0.1, 0.25)
 * @param maxNullRates highest allowed null rate by field ({@code reco.quality.max-null-rate.<field>}); required
 *     fields default to 0.01, optional ones have none unless set
 */
public record QualityThresholds(Limits rejectRate, Limits duplicateRate, Limits botRate, Limits unknownReferenceRate,
    Limits volumeDrop, int trailingRuns, Limits freshnessHours, Limits completeness, Limits drift,
    Map<String, Double> maxNullRates) {
  /** The prefix of every setting. */
  public static final String PREFIX = "reco.quality.";
  /** The prefix of the per-field null-rate limits. */
  public static final String MAX_NULL_RATE = PREFIX + "max-null-rate.";
  /** Fields every event must have; their null rate fails above 1% by default. */
  static final String[] REQUIRED_FIELDS = {"event_id", "user_id", "product_id", "event_type", "timestamp",
      "session_id"};

  /**
   * A warning and a failure threshold.
   *
   * @param warn past this the check warns
   * @param fail past this the check fails
   */
  public record Limits(double warn, double fail) {
  }

  /** The thresholds set in {@code conf}, defaults elsewhere; the error names a setting that makes no sense. */
  public static QualityThresholds from(Configuration conf) {
    Map<String, Double> nullRates = new TreeMap<>();
    for (String field : REQUIRED_FIELDS) {
      nullRates.put(field, 0.01);
    }
    conf.getPropsWithPrefix(MAX_NULL_RATE).forEach((field, value) -> nullRates.put(field,
        fraction(MAX_NULL_RATE + field, value)));
    int trailing = conf.getInt(PREFIX + "trailing-runs", 7);
    if (trailing < 1) {
      throw new IllegalArgumentException(PREFIX + "trailing-runs must be 1 or more, was " + trailing);
    }
    return new QualityThresholds(limits(conf, "reject-rate", 0.01, 0.05), limits(conf, "duplicate-rate", 0.05, 0.5),
        limits(conf, "bot-rate", 0.05, 0.3), limits(conf, "unknown-reference-rate", 0.001, 0.05),
        limits(conf, "volume-drop", 0.1, 0.2), trailing, limits(conf, "freshness-hours", 3, 6),
        limits(conf, "completeness", 1.0, 0.5), limits(conf, "drift", 0.1, 0.25), nullRates);
  }

  private static Limits limits(Configuration conf, String name, double warn, double fail) {
    String key = PREFIX + name;
    double w = number(key + ".warn", conf.get(key + ".warn"), warn);
    double f = number(key + ".fail", conf.get(key + ".fail"), fail);
    return new Limits(w, f);
  }

  private static double number(String key, String value, double fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(value.trim());
      if (d < 0 || Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number of 0 or more, was '" + value + "'");
    }
  }

  private static double fraction(String key, String value) {
    double d = number(key, value, 0);
    if (d > 1) {
      throw new IllegalArgumentException(key + " must be a fraction from 0 to 1, was '" + value + "'");
    }
    return d;
  }
}
