package io.reco.quality;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The population stability index of a distribution against a reference: {@code sum((a - e) * ln(a / e))} over the
 * union of buckets, with shares {@code a} (actual) and {@code e} (expected). Common reading: below 0.1 stable, 0.1 to
 * 0.25 moved, above 0.25 shifted. A bucket empty on one side counts as a share of {@value #EMPTY_SHARE} so the index
 * stays finite.
 */
public final class PopulationStability {
  /** The share an empty bucket is given. */
  public static final double EMPTY_SHARE = 1e-4;

  private PopulationStability() {
  }

  /** The index of {@code actual} against {@code expected}; 0 when either side is empty. */
  public static double index(List<Count> expected, List<Count> actual) {
    Map<String, double[]> buckets = new LinkedHashMap<>();
    long expectedTotal = 0;
    long actualTotal = 0;
    for (Count c : expected) {
      buckets.computeIfAbsent(c.name(), k -> new double[2])[0] += c.count();
      expectedTotal += c.count();
    }
    for (Count c : actual) {
      buckets.computeIfAbsent(c.name(), k -> new double[2])[1] += c.count();
      actualTotal += c.count();
    }
    if (expectedTotal == 0 || actualTotal == 0) {
      return 0;
    }
    double psi = 0;
    for (double[] counts : buckets.values()) {
      double e = Math.max(counts[0] / expectedTotal, EMPTY_SHARE);
      double a = Math.max(counts[1] / actualTotal, EMPTY_SHARE);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }
}
