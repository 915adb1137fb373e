package io.reco.ranking;

import io.reco.records.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The ranking's settings, read once here for the servlet, the jobs and the evaluation alike. */
public final class RankingSettings {
  /** History items whose neighbours a ranking sums. */
  public static final String MAX_SEEDS = "reco.ranking.max-seeds";
  /** Weight of an item's popularity beside its personal score. */
  public static final String POPULARITY_WEIGHT = "reco.ranking.popularity-weight";
  /** Weights of the indicators merged into the neighbours ranked: {@code name=weight,...}. */
  public static final String INDICATOR_WEIGHTS = "reco.ranking.indicator-weights";
  /** An anonymous session's history: the weight of each step back from its newest item ({@link SessionHistory}). */
  public static final String SESSION_DECAY = "reco.ranking.session-decay";
  /** Weights of the indicators merged for answers to a session's items: {@code name=weight,...}. */
  public static final String SESSION_INDICATOR_WEIGHTS = "reco.ranking.session-indicator-weights";
  /** Weight of popularity beside the personal score in answers to a session's items. */
  public static final String SESSION_POPULARITY_WEIGHT = "reco.ranking.session-popularity-weight";

  /** A learned ranker's model file (any Hadoop file system) that re-ranks top picks; empty ranks by the blend. */
  public static final String LEARNED_RANKER = "reco.ranking.learned-ranker";

  private RankingSettings() {
  }

  /** The ranker {@code conf} sets up, with the learned ranker it names, if any. */
  public static TopPicks topPicks(Configuration conf) {
    return new TopPicks(new TopPicks.Params(Settings.getInt(conf, MAX_SEEDS),
        Settings.getDouble(conf, POPULARITY_WEIGHT), learnedRanker(conf)));
  }

  /** The learned ranker whose file {@code conf} names, or null. */
  public static LearnedRanker learnedRanker(Configuration conf) {
    String file = Settings.optional(conf, LEARNED_RANKER);
    if (file == null) {
      return null;
    }
    Path path = new Path(file);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return LearnedRanker.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), LEARNED_RANKER + " " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(LEARNED_RANKER + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The ranker of answers to an anonymous session's items that {@code conf} sets up. */
  public static TopPicks sessionPicks(Configuration conf) {
    return new TopPicks(new TopPicks.Params(Settings.getInt(conf, MAX_SEEDS),
        Settings.getDouble(conf, SESSION_POPULARITY_WEIGHT)));
  }

  /** The session's history weight of each step back that {@code conf} sets. */
  public static double sessionDecay(Configuration conf) {
    return Settings.getDouble(conf, SESSION_DECAY);
  }

  /** The indicator blend of answers to a session's items that {@code conf} sets up. */
  public static IndicatorBlend sessionIndicators(Configuration conf) {
    return IndicatorBlend.parse(Settings.get(conf, SESSION_INDICATOR_WEIGHTS));
  }

  /** The indicator blend {@code conf} sets up. */
  public static IndicatorBlend indicators(Configuration conf) {
    return IndicatorBlend.parse(Settings.get(conf, INDICATOR_WEIGHTS));
  }
}
