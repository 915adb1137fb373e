package io.reco.quality;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** The monitoring checks of a run: each measures one thing and judges it against a warn and a fail threshold. */
public final class Checks {
  private Checks() {
  }

  /** A check where a higher value is worse. */
  public static Check above(String name, double value, Double warnAt, Double failAt, String what) {
    Status status = failAt != null && value > failAt ? Status.FAIL
        : warnAt != null && value > warnAt ? Status.WARN : Status.PASS;
    return new Check(name, status, value, warnAt, failAt, what + " " + format(value) + limits(status, warnAt, failAt,
        "above"));
  }

  /** A check where a lower value is worse. */
  public static Check below(String name, double value, Double warnAt, Double failAt, String what) {
    Status status = failAt != null && value < failAt ? Status.FAIL
        : warnAt != null && value < warnAt ? Status.WARN : Status.PASS;
    return new Check(name, status, value, warnAt, failAt, what + " " + format(value) + limits(status, warnAt, failAt,
        "below"));
  }

  /**
   * The drop of this run's daily volume against the average of earlier runs' daily volumes, as a share (0.25 = a
   * quarter less). Passes without history.
   */
  public static Check volumeDrop(double dailyVolume, List<Double> trailingDailyVolumes, double warnAt, double failAt) {
    if (trailingDailyVolumes.isEmpty()) {
      return new Check(CheckName.VOLUME.label(), Status.PASS, 0, warnAt, failAt, "no earlier runs to compare with: "
          + format(dailyVolume) + " events a day");
    }
    double average = trailingDailyVolumes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double drop = average <= 0 ? 0 : Math.max(0, (average - dailyVolume) / average);
    return above(CheckName.VOLUME.label(), drop, warnAt, failAt, String.format(Locale.ROOT,
        "%s events a day against a trailing average of %s over %d runs: drop", format(dailyVolume), format(average),
        trailingDailyVolumes.size()));
  }

  private static String limits(Status status, Double warnAt, Double failAt, String side) {
    return switch (status) {
      case FAIL -> ", " + side + " the failure threshold " + format(failAt);
      case WARN -> ", " + side + " the warning threshold " + format(warnAt);
      case PASS -> "";
    };
  }

  /** A number as a person reads it: whole above 1,000 with separators, else to 4 significant digits, never in E. */
  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (Math.abs(value) >= 1000 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
