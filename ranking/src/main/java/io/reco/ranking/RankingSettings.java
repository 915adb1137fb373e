package io.reco.ranking;

import io.reco.records.Settings;
import org.apache.hadoop.conf.Configuration;

/** The ranking's settings, read once here for the servlet, the jobs and the evaluation alike. */
public final class RankingSettings {
  /** History items whose neighbours a ranking sums. */
  public static final String MAX_SEEDS = "reco.ranking.max-seeds";
  /** Weight of an item's popularity beside its personal score. */
  public static final String POPULARITY_WEIGHT = "reco.ranking.popularity-weight";
  /** Weights of the indicators merged into the neighbours ranked: {@code name=weight,...}. */
  public static final String INDICATOR_WEIGHTS = "reco.ranking.indicator-weights";

  private RankingSettings() {
  }

  /** The ranker {@code conf} sets up. */
  public static TopPicks topPicks(Configuration conf) {
    return new TopPicks(new TopPicks.Params(Settings.getInt(conf, MAX_SEEDS),
        Settings.getDouble(conf, POPULARITY_WEIGHT)));
  }

  /** The indicator blend {@code conf} sets up. */
  public static IndicatorBlend indicators(Configuration conf) {
    return IndicatorBlend.parse(Settings.get(conf, INDICATOR_WEIGHTS));
  }
}
