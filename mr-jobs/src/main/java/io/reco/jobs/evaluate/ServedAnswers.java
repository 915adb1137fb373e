package io.reco.jobs.evaluate;

import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.TopPicks;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The top picks a pipeline run's model gives, computed from the lists the run wrote (before their bulk load) by the
 * ranking the evaluation scores: a test compares them with the service's HTTP answers, item for item.
 */
public final class ServedAnswers {
  private final TrainedLists lists;
  private final TopPicks ranker;

  private ServedAnswers(TrainedLists lists, TopPicks ranker) {
    this.lists = lists;
    this.ranker = ranker;
  }

  /** The answers of the run whose work directory is {@code runDir}, ranked with {@code conf}'s settings. */
  public static ServedAnswers ofRun(Configuration conf, Path runDir) throws IOException {
    return new ServedAnswers(TrainedLists.ofRun(conf, runDir), RankingSettings.topPicks(conf));
  }

  /** The users with a history in the run, in id order. */
  public List<String> users() {
    return lists.recent.keySet().stream().sorted().toList();
  }

  /** The ids of {@code user}'s top {@code k}, best first. */
  public List<String> topPicks(String user, int k) throws IOException {
    return lists.served(ranker, lists.indicators.get(IndicatorsJob.BLENDED), user, k);
  }
}
