package io.reco.jobs.evaluate;

import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.jobs.similarity.TopNeighboursReducer;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.schema.avro.ScoredItem;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The validation figures of a pipeline run's model, what {@code model promote} compares: the newest
 * {@link #SHARE} of the run's interactions is held out, the same model jobs with the run's settings are trained on
 * the rest, and every held-out user's top picks, ranked as the service ranks them, are scored against their
 * held-out items of the {@link #RELEVANT} types.
 */
public final class ModelValidation {
  /** The newest share of the interactions held out. */
  public static final String SHARE = "reco.models.validation-share";
  /** Event types that make a held-out item relevant. */
  public static final String RELEVANT = "reco.models.validation-relevant";

  /** The figures ({@code ndcg@10}...) and the users they are over. */
  public record Result(Map<String, Double> metrics, long users) {
  }

  private ModelValidation() {
  }

  /**
   * Validates the model trained on {@code interactions} (an interactions output) with {@code conf}'s settings;
   * {@code catalog} (silver, or null) tells the repeat-purchase categories.
   */
  public static Result run(Configuration conf, Path interactions, Path catalog, Path dir, int k) throws Exception {
    double share = Settings.getDouble(conf, SHARE);
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException(SHARE + " must lie between 0 and 1, was " + share);
    }
    Set<EventType> relevant = EnumSet.noneOf(EventType.class);
    for (String name : conf.getTrimmedStrings(RELEVANT)) {
      relevant.add(EventType.valueOf(name));
    }
    List<UserItemPair> pairs = EvaluateJob.readPairs(conf, new Path(interactions, InteractionsReducer.PAIRS));
    Holdout.Split split = Holdout.global(pairs, share, 0);
    // top picks are what it scores: the indicators only an anonymous session's answers weigh are not trained again
    Configuration picks = new Configuration(conf);
    picks.set(RankingSettings.SESSION_INDICATOR_WEIGHTS, Settings.get(conf, RankingSettings.INDICATOR_WEIGHTS));
    TrainedLists lists = TrainedLists.train(picks, dir, split.train(), EvaluateJob.asOf(split.train()), false,
        catalog);
    Map<String, List<ScoredItem>> neighbours = lists.blended(RankingSettings.indicators(conf),
        Settings.getInt(conf, TopNeighboursReducer.TOP_K));
    TopPicks ranker = RankingSettings.topPicks(conf);
    RankingMetrics metrics = RankingMetrics.over(k, EvaluateJob.itemsByUser(split.train()));
    Map<String, Set<String>> wanted = EvaluateJob.wanted(split.test(), relevant);
    for (Map.Entry<String, Set<String>> user : wanted.entrySet()) {
      metrics.add(lists.served(ranker, neighbours, user.getKey(), k), user.getValue());
    }
    Map<String, Double> figures = metrics.figures();
    figures.remove("users");
    return new Result(figures, metrics.users());
  }
}
