package io.reco.jobs.evaluate;

import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.jobs.popularity.PopularityJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.ranking.IndicatorBlend;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.TopPicks;
import io.reco.schema.PopularLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lists one training part gives, read back into memory as the tables would serve them: each indicator's
 * neighbours, popularity, the users' history and exclusions. Built by the very jobs the pipeline runs.
 */
final class TrainedLists {
  final Map<String, Map<String, List<ScoredItem>>> indicators;
  final List<ScoredItem> popular;
  final Map<String, List<ScoredItem>> recent;
  final Map<String, Set<String>> excluded;
  /** What the service's default rules never answer: the catalog's inactive and out-of-stock products. */
  final Set<String> unavailable;
  private final Path dir;
  private final Instant asOf;
  private final Path catalog;

  private TrainedLists(Map<String, Map<String, List<ScoredItem>>> indicators, List<ScoredItem> popular,
      Map<String, List<ScoredItem>> recent, Map<String, Set<String>> excluded, Set<String> unavailable, Path dir,
      Instant asOf, Path catalog) {
    this.indicators = indicators;
    this.unavailable = unavailable;
    this.popular = popular;
    this.recent = recent;
    this.excluded = excluded;
    this.dir = dir;
    this.asOf = asOf;
    this.catalog = catalog;
  }

  /**
   * Writes {@code pairs} as an interactions output under {@code dir} and runs the model jobs on it: every
   * indicator (or only those {@code base} weighs), popularity, user history and exclusions as of {@code asOf}, the
   * {@code catalog} (silver, or null) telling the repeat-purchase categories.
   */
  static TrainedLists train(Configuration base, Path dir, List<UserItemPair> pairs, Instant asOf,
      boolean everyIndicator, Path catalog) throws Exception {
    Configuration conf = new Configuration(base);
    if (everyIndicator) {
      // the search weighs them afterwards
      conf.set(RankingSettings.INDICATOR_WEIGHTS, String.join(",", IndicatorsJob.KNOWN.stream()
          .map(name -> name + "=1").toList()));
    }
    FileSystem fs = dir.getFileSystem(conf);
    fs.delete(dir, true);
    Path interactions = new Path(dir, "interactions");
    try (InteractionFiles files = new InteractionFiles(conf, interactions)) {
      for (UserItemPair pair : pairs) {
        files.write(pair);
      }
    }
    Path indicators = new Path(dir, "indicators");
    IndicatorsJob.run(conf, interactions, indicators);
    Map<String, Map<String, List<ScoredItem>>> lists = new HashMap<>();
    for (String name : IndicatorsJob.KNOWN) {
      lists.put(name, ScoredListFiles.read(conf, new Path(indicators, name)));
    }
    Path popular = new Path(dir, "popular");
    Jobs.run(PopularityJob.createJob(conf, interactions, popular));
    Path history = new Path(dir, "history");
    Jobs.run(UserRecentJob.createJob(conf, interactions, asOf, catalog, history));
    return new TrainedLists(lists, ScoredListFiles.read(conf, popular).getOrDefault(PopularLists.GLOBAL, List.of()),
        ScoredListFiles.read(conf, new Path(history, UserRecentJob.RECENT)), excluded(conf, history, id -> true),
        CatalogIndex.read(conf, catalog).unavailable(), dir, asOf, catalog);
  }

  /**
   * The lists a pipeline run under {@code runDir} bulk-loaded - its blended neighbours (as the one indicator
   * {@link IndicatorsJob#BLENDED}), popularity, history and exclusions - to rank as the service ranks them.
   */
  static TrainedLists ofRun(Configuration conf, Path runDir) throws IOException {
    return of(conf, runDir, new FeatureInputs(List.of(), new Path(runDir, BronzeToSilverTool.SILVER_MASTERS), null)
        .master(conf, FeatureInputs.CATALOG), null);
  }

  /**
   * The lists under {@code dir}, laid out as a pipeline run lays them out ({@code indicators/blended},
   * {@code popular}, {@code history}), that the answers to {@code users} read - their history and exclusions, their
   * seeds' blended neighbours - or every list when {@code users} is null; {@code catalog} (silver, or null) tells
   * the products never answered.
   */
  static TrainedLists of(Configuration conf, Path dir, Path catalog, Set<String> users) throws IOException {
    Predicate<String> user = users == null ? id -> true : users::contains;
    Path history = new Path(dir, "history");
    Map<String, List<ScoredItem>> recent = ScoredListFiles.read(conf, new Path(history, UserRecentJob.RECENT), user);
    Set<String> seeds = new HashSet<>();
    recent.values().forEach(list -> list.forEach(item -> seeds.add(item.getId())));
    Map<String, List<ScoredItem>> blended = ScoredListFiles.read(conf, new Path(new Path(dir, "indicators"),
        IndicatorsJob.BLENDED), users == null ? id -> true : seeds::contains);
    return new TrainedLists(Map.of(IndicatorsJob.BLENDED, blended), ScoredListFiles.read(conf, new Path(dir,
        "popular"), PopularLists.GLOBAL::equals).getOrDefault(PopularLists.GLOBAL, List.of()), recent,
        excluded(conf, history, user), CatalogIndex.read(conf, catalog).unavailable(), dir, null, null);
  }

  private static Map<String, Set<String>> excluded(Configuration conf, Path history, Predicate<String> users)
      throws IOException {
    Map<String, Set<String>> excluded = new HashMap<>();
    ScoredListFiles.read(conf, new Path(history, UserRecentJob.EXCLUDED), users).forEach((user, items) -> {
      Set<String> ids = new HashSet<>();
      items.forEach(i -> ids.add(i.getId()));
      excluded.put(user, ids);
    });
    return excluded;
  }

  /** The same lists with the users' history weighed again by the half-life {@code hours}. */
  TrainedLists withHalfLife(Configuration base, int hours) throws Exception {
    Configuration conf = new Configuration(base);
    conf.setInt(UserRecentJob.HALF_LIFE_HOURS, hours);
    Path history = new Path(dir, "history-" + hours + "h");
    dir.getFileSystem(conf).delete(history, true);
    Jobs.run(UserRecentJob.createJob(conf, new Path(dir, "interactions"), asOf, catalog, history));
    return new TrainedLists(indicators, popular, ScoredListFiles.read(conf, new Path(history,
        UserRecentJob.RECENT)), excluded(conf, history, id -> true), unavailable, dir, asOf, catalog);
  }

  /** Every item's neighbours blended by {@code blend}, as {@code IndicatorsJob}'s blend writes them. */
  Map<String, List<ScoredItem>> blended(IndicatorBlend blend, int topK) {
    Map<String, Map<String, List<ScoredItem>>> byItem = new HashMap<>();
    indicators.forEach((name, lists) -> lists.forEach((item, list) ->
        byItem.computeIfAbsent(item, i -> new HashMap<>()).put(name, list)));
    Map<String, List<ScoredItem>> out = new HashMap<>(byItem.size() * 2);
    byItem.forEach((item, lists) -> {
      List<ScoredItem> merged = blend.merge(lists, topK);
      if (!merged.isEmpty()) {
        out.put(item, merged);
      }
    });
    return out;
  }

  /** The seeds' lists in {@code neighbours}, as the servlet's reads find them (a seed without one is left out). */
  static TopPicks.Lists lookup(Map<String, List<ScoredItem>> neighbours) {
    return seeds -> {
      Map<String, List<ScoredItem>> found = new HashMap<>();
      for (String seed : seeds) {
        List<ScoredItem> list = neighbours.get(seed);
        if (list != null) {
          found.put(seed, list);
        }
      }
      return found;
    };
  }

  /**
   * Per indicator, the inverse of its typical top score (the mean of each item's best neighbour score): the weight
   * at which the tuning's steps mean the same for every indicator.
   */
  Map<String, Double> scales() {
    Map<String, Double> scale = new java.util.LinkedHashMap<>();
    for (String name : IndicatorsJob.KNOWN) {
      double sum = 0;
      int n = 0;
      for (List<ScoredItem> list : indicators.get(name).values()) {
        if (!list.isEmpty()) {
          sum += list.get(0).getScore();
          n++;
        }
      }
      scale.put(name, n == 0 || sum <= 0 ? 1 : n / sum);
    }
    return scale;
  }

  /** The service's answer for {@code user}: {@link TopPicks} over these lists, as the servlet calls it. */
  List<String> served(TopPicks ranker, Map<String, List<ScoredItem>> neighbours, String user, int k)
      throws IOException {
    List<ScoredItem> history = recent.getOrDefault(user, List.of());
    // the service's default rules too: never an inactive or out-of-stock product
    Set<String> exclude = TopPicks.union(history.isEmpty() ? Set.of() : excluded.getOrDefault(user, Set.of()),
        unavailable);
    TopPicks.Answer answer = ranker.rank(history, exclude, lookup(neighbours), popular, k);
    return answer.items().stream().map(ScoredItem::getId).toList();
  }
}
