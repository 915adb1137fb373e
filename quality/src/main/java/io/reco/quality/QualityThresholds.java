package io.reco.quality;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The thresholds a bronze-to-silver run judges its data by, from the {@code reco.quality.*} settings. Each check has
 * a warning and a failure threshold; a failure stops the schedule. Every key, its default and what it means are
 * declared once, in the settings reference ({@code reco-default.xml} of the records module); the run hands its
 * settings in, so no default is written here.
 *
 * @param rejectRate quarantined share of records read ({@code reco.quality.reject-rate.warn}, {@code .fail})
 * @param duplicateRate share of exact and near duplicates ({@code duplicate-rate})
 * @param botRate share of events from bots ({@code bot-rate})
 * @param unknownReferenceRate share of events of unknown products or users ({@code unknown-reference-rate})
 * @param volumeDrop drop of daily volume against the trailing average of earlier runs ({@code volume-drop})
 * @param trailingRuns earlier runs the trailing average spans ({@code trailing-runs})
 * @param freshnessHours hours since the newest committed raw file landed ({@code freshness-hours})
 * @param completeness share of the range's days with data; warns and fails below ({@code completeness})
 * @param drift population stability index against the previous run ({@code drift})
 * @param maxNullRates highest allowed null rate by field ({@code max-null-rate.<field>}); the reference declares one
 *     for each required field, an optional field has one where it is set
 */
public record QualityThresholds(Limits rejectRate, Limits duplicateRate, Limits botRate, Limits unknownReferenceRate,
    Limits volumeDrop, int trailingRuns, Limits freshnessHours, Limits completeness, Limits drift,
    Map<String, Double> maxNullRates) {
  /** The prefix of every setting. */
  public static final String PREFIX = "reco.quality.";
  /** The prefix of the per-field null-rate limits. */
  public static final String MAX_NULL_RATE = PREFIX + "max-null-rate.";
  /** Earlier runs the volume check's trailing average spans. */
  public static final String TRAILING_RUNS = PREFIX + "trailing-runs";

  /**
   * A warning and a failure threshold.
   *
   * @param warn past this the check warns
   * @param fail past this the check fails
   */
  public record Limits(double warn, double fail) {
  }

  /**
   * The thresholds of a run's settings; the error names a setting that makes no sense.
   *
   * @param setting the value of a {@code reco.quality.*} key, its declared default where the run sets none
   * @param maxNullRates every {@code reco.quality.max-null-rate.<field>} by field, declared defaults included
   */
  public static QualityThresholds from(UnaryOperator<String> setting, Map<String, String> maxNullRates) {
    Map<String, Double> nullRates = new TreeMap<>();
    maxNullRates.forEach((field, value) -> nullRates.put(field, fraction(MAX_NULL_RATE + field, value)));
    double trailing = number(TRAILING_RUNS, setting.apply(TRAILING_RUNS));
    if (trailing < 1 || trailing != Math.rint(trailing) || trailing > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(TRAILING_RUNS + " must be a whole number of 1 or more, was '"
          + setting.apply(TRAILING_RUNS) + "'");
    }
    return new QualityThresholds(limits(setting, "reject-rate"), limits(setting, "duplicate-rate"),
        limits(setting, "bot-rate"), limits(setting, "unknown-reference-rate"), limits(setting, "volume-drop"),
        (int) trailing, limits(setting, "freshness-hours"), limits(setting, "completeness"), limits(setting, "drift"),
        nullRates);
  }

  private static Limits limits(UnaryOperator<String> setting, String name) {
    String warn = PREFIX + name + ".warn";
    String fail = PREFIX + name + ".fail";
    return new Limits(number(warn, setting.apply(warn)), number(fail, setting.apply(fail)));
  }

  private static double number(String key, String value) {
    if (value == null) {
      throw new IllegalStateException(key + " has no value: the settings handed in lack its declared default");
    }
    try {
      double d = Double.parseDouble(value.trim());
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException(value);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number of 0 or more, was '" + value + "'");
    }
  }

  private static double fraction(String key, String value) {
    double d = number(key, value);
    if (d > 1) {
      throw new IllegalArgumentException(key + " must be a fraction from 0 to 1, was '" + value + "'");
    }
    return d;
  }
}
