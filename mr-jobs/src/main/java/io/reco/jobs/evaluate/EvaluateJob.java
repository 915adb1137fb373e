package io.reco.jobs.evaluate;

import io.reco.commands.RecoTool;
import io.reco.commands.UsageException;
import io.reco.ingest.importers.ImportTool;
import io.reco.jobs.clean.CleanJob;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.MahoutIds;
import io.reco.jobs.common.TextFiles;
import io.reco.jobs.ease.Ease;
import io.reco.jobs.ease.EaseJob;
import io.reco.jobs.generate.ShopGenerator;
import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.jobs.interactions.InteractionWeights;
import io.reco.jobs.interactions.InteractionsJob;
import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.jobs.similarity.TopNeighboursReducer;
import io.reco.quality.QualityReport;
import io.reco.quality.Status;
import io.reco.ranking.IndicatorBlend;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import io.reco.records.avro.EventType;
import io.reco.records.raw.RawZone;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;
import org.apache.mahout.cf.taste.hadoop.item.RecommenderJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores on future data what the service would answer, beside baselines. Splits silver's (user, item) interactions
 * by time ({@link Holdout}: each user's newest share, or one global cut), trains the platform's model jobs on the
 * older part, tunes the blend (indicator weights, popularity weight, seeds, EASE's lambda) on a validation part by
 * a coordinate search, then ranks every test user with {@link TopPicks} over the lists the jobs wrote - the servlet's
 * code, lists and exclusions - and scores the top K against the items they went on to want. Baselines on the same
 * split: popularity, Mahout's {@code RecommenderJob} (log-likelihood), item-kNN (cosine), EASE (lambda tuned).
 * Writes {@code evaluation.json} and {@code evaluation.html} and prints the table and the tuned settings.
 *
 * <p>{@code hadoop jar reco-jobs.jar evaluate --dataset movielens --input u.data --work work/eval}
 */
@Command(name = EvaluateJob.NAME, description = "score the served top picks on future data beside baselines; tune")
public final class EvaluateJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "evaluate";
  /** The ALS candidate's regularisation. */
  public static final String ALS_LAMBDA = "reco.models.als.lambda";
  /** The ALS candidate's confidence per unit of preference (implicit feedback). */
  public static final String ALS_ALPHA = "reco.models.als.alpha";
  /** The ALS candidate's latent factors. */
  public static final String ALS_FEATURES = "reco.models.als.features";
  /** The ALS candidate's alternating iterations. */
  public static final String ALS_ITERATIONS = "reco.models.als.iterations";
  /** The recommender whose answers the service gives. */
  public static final String SERVED = "reco (served, tuned)";
  /** The learned ranker's model file under the work directory, written when it is served. */
  public static final String LEARNED_RANKER_FILE = "learned-ranker.json";
  private static final double[] WEIGHT_STEPS = {0, 0.25, 0.5, 0.75, 1.5, 2, 4};
  private static final double[] POPULARITY_WEIGHTS = {0, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 3};
  private static final int[] SEEDS = {5, 10, 15, 25, 50, 100};
  private static final int[] HALF_LIVES_HOURS = {6, 12, 24, 72, 168, 720, 8760, 87600};
  private static final double[] LAMBDAS = {50, 200, 800};
  private static final int ROUNDS = 3;
  /** Datasets of ratings rather than clicks. */
  private static final Set<String> RATINGS = Set.of("movielens");

  /** How the log is split. */
  public enum Protocol {
    /** Each user's newest interactions are held out. */
    user,
    /** The whole log is cut at two moments. */
    global,
    /** Sessions are cut in time order; each next item of a test session is predicted from its prefix. */
    session
  }

  @Option(names = "--dataset", description = "generator, or a public dataset to import: movielens, rees46, "
      + "online-retail, retailrocket, sessions (a session click log).")
  private String dataset;
  @Option(names = "--input", description = "The dataset's file (not for the generator).")
  private Path input;
  @Option(names = "--silver", description = "Instead of a dataset: a run's silver directory (<work>/<version>/silver).")
  private Path silver;
  @Option(names = "--work", required = true, description = "Working directory (its contents are replaced).")
  private Path work;
  @Option(names = "--protocol", defaultValue = "user", description = "user (each user's newest share held out), "
      + "global (one cut in time) or session (each next item of the newest sessions, from its prefix: HR and MRR); "
      + "default ${DEFAULT-VALUE}.")
  private Protocol protocol;
  @Option(names = "--split", defaultValue = "70,10,20", split = ",", description = "Shares of train, validation "
      + "and test, in percent (default ${DEFAULT-VALUE}); per user, of each user's interactions.")
  private List<Integer> split;
  @Option(names = "--min-user-pairs", defaultValue = "5", description = "Users with fewer interactions stay in "
      + "training (per-user protocol; default ${DEFAULT-VALUE}).")
  private int minUserPairs;
  @Option(names = "--k", description = "List length scored (default 10; 20 for the session protocol).")
  private Integer k;
  @Option(names = "--relevant", defaultValue = "purchase", split = ",", description = "Event types that make a "
      + "held-out item relevant (its strongest event; default ${DEFAULT-VALUE}; MovieLens: ratings >= 4).")
  private Set<EventType> relevant;
  @Option(names = "--events", defaultValue = "200000", description = "Generator: events (default ${DEFAULT-VALUE}).")
  private long events;
  @Option(names = "--seed", defaultValue = "42", description = "Generator: seed (default ${DEFAULT-VALUE}).")
  private long seed;
  @Option(names = "--ease-max-items", defaultValue = "3000", description = "EASE baseline: items modelled at most "
      + "(default ${DEFAULT-VALUE}).")
  private int easeMaxItems;

  private final PrintStream out;
  /** The silver catalog beside the clickstream, if any: the repeat-purchase categories' items. */
  private Path catalog;

  /** An evaluation printing to {@code out}. */
  public EvaluateJob(PrintStream out) {
    this.out = out;
  }

  /** An evaluation printing to standard output. */
  public EvaluateJob() {
    this(System.out);
  }

  @Override
  protected int execute() throws Exception {
    if (split.size() != 3 || split.stream().mapToInt(Integer::intValue).sum() != 100 || split.get(2) < 1
        || split.get(0) < 1 || split.get(1) < 0) {
      throw new UsageException(NAME + ": --split is train,validation,test in percent adding up to 100, was " + split);
    }
    if (k == null) {
      k = protocol == Protocol.session ? 20 : 10;
    }
    if (k < 1 || k > 100) {
      throw new UsageException(NAME + ": --k must be 1 to 100, was " + k);
    }
    Configuration conf = getConf();
    FileSystem fs = work.getFileSystem(conf);
    // a run's silver directory holds the clickstream beside the master snapshots
    Path silverDir = silver == null ? silverOf(conf, fs) : fs.exists(new Path(silver, "clickstream"))
        ? new Path(silver, "clickstream") : silver;
    long started = System.nanoTime();
    Path masters = new Path(silverDir.getParent(), FeatureInputs.CATALOG);
    catalog = fs.exists(masters) ? masters : null;
    if (protocol == Protocol.session) {
      Evaluation evaluation = new SessionEvaluation(conf, new Path(work, "sessions"), k, catalog).run(
          dataset == null ? String.valueOf(silver) : dataset, silverDir, split);
      evaluation.seconds = (System.nanoTime() - started) / 1e9;
      report(fs, evaluation);
      return 0;
    }
    Path interactions = new Path(work, "interactions");
    fs.delete(interactions, true);
    InteractionsJob.check(io.reco.jobs.common.Jobs.run(InteractionsJob.createJob(conf, silverDir, interactions)));
    List<UserItemPair> pairs = readPairs(conf, new Path(interactions, InteractionsReducer.PAIRS));
    Evaluation evaluation = evaluate(conf, pairs);
    evaluation.seconds = (System.nanoTime() - started) / 1e9;
    report(fs, evaluation);
    return 0;
  }

  private void report(FileSystem fs, Evaluation evaluation) throws IOException {
    EvaluationReport.write(fs, work, evaluation);
    out.print(evaluation.table());
    out.println("tuned settings: " + evaluation.tunedSettings());
    out.println("report: " + new Path(work, EvaluationReport.HTML));
  }

  /** Imports or generates the dataset into {@code <work>/raw} and takes it through bronze-to-silver. */
  private Path silverOf(Configuration conf, FileSystem fs) throws Exception {
    if (dataset == null) {
      throw new UsageException(NAME + ": give --dataset (generator, movielens, rees46, online-retail, retailrocket, sessions)"
          + " or --silver");
    }
    Path raw = new Path(work, "raw");
    fs.delete(raw, true);
    if (dataset.equals("generator")) {
      new ShopGenerator(fs, work, new ShopGenerator.Settings(seed, events, LocalDate.of(2026, 11, 1), 7, 0, 0))
          .generate();
    } else {
      if (input == null) {
        throw new UsageException(NAME + ": --dataset " + dataset + " needs --input FILE");
      }
      int status = ToolRunner.run(conf, new ImportTool(out, Clock.systemUTC()), new String[] {"--dataset", dataset,
          "--input", input.toString(), "--raw", raw.toString()});
      if (status != 0) {
        throw new JobFailedException(NAME + ": the import of " + input + " failed (exit " + status + ")");
      }
    }
    if (RATINGS.contains(dataset)) {
      // a ratings log is entered in bulk, dozens a minute: the bot rules are a clickstream's
      conf.setInt(CleanJob.MAX_EVENTS_PER_MINUTE, Integer.MAX_VALUE - 1);
      conf.setInt(CleanJob.MAX_QUICK_VIEWS, Integer.MAX_VALUE - 1);
    }
    List<LocalDate> dates = new ArrayList<>();
    FileStatus[] partitions = fs.globStatus(RawZone.everyDate(new RawZone(raw).clickstream()));
    for (FileStatus partition : partitions == null ? new FileStatus[0] : partitions) {
      dates.add(RawZone.dateOf(partition.getPath()));
    }
    if (dates.isEmpty()) {
      throw new JobFailedException(NAME + ": no clickstream partitions under " + raw);
    }
    dates.sort(null);
    Path run = new Path(work, "run");
    fs.delete(run, true);
    QualityReport report = new BronzeToSilverTool(new PrintStream(OutputStream.nullOutputStream(), false,
        StandardCharsets.UTF_8)).run(conf, raw, dates.get(0), dates.get(dates.size() - 1), run, new Path(work,
        "runs"));
    if (report.status() == Status.FAIL) {
      throw new JobFailedException(NAME + ": bronze-to-silver failed its checks; see " + run);
    }
    return new Path(run, BronzeToSilverTool.SILVER);
  }

  /** The interactions job's {@code pairs} lines under {@code dir}. */
  static List<UserItemPair> readPairs(Configuration conf, Path dir) throws IOException {
    return lines(conf, dir).stream().map(UserItemPair::parse).toList();
  }

  /** Every line of the visible text files under {@code dir}. */
  private static List<String> lines(Configuration conf, Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    TextFiles.read(conf, dir, lines::add);
    return lines;
  }

  /** The whole evaluation of {@code pairs}. */
  Evaluation evaluate(Configuration base, List<UserItemPair> pairs) throws Exception {
    double test = split.get(2) / 100.0;
    double validation = split.get(1) / 100.0;
    Holdout.Split parts = protocol == Protocol.user ? Holdout.perUser(pairs, test, validation, minUserPairs)
        : Holdout.global(pairs, test, validation);
    if (parts.test().isEmpty() || parts.validation().isEmpty()) {
      throw new JobFailedException(NAME + ": the split left no validation or test interactions (" + pairs.size()
          + " in all); use more data or other --split shares");
    }
    Evaluation evaluation = new Evaluation(dataset == null ? String.valueOf(silver) : dataset, protocol.name(),
        split, k, relevant, List.of("ndcg@" + k, "recall@" + k, "precision@" + k, "map@" + k, "hit_rate@" + k,
        "coverage@" + k, "novelty@" + k));
    evaluation.counts.put("interactions", (long) pairs.size());
    evaluation.counts.put("train", (long) parts.train().size());
    evaluation.counts.put("validation", (long) parts.validation().size());
    evaluation.counts.put("test", (long) parts.test().size());
    Configuration conf = new Configuration(base);

    // tune on validation, with the models trained on train alone
    List<String> log = evaluation.tuning;
    Map<String, Set<String>> validationWanted = wanted(parts.validation(), relevant);
    long t0 = System.nanoTime();
    double lambda = tuneEaseLambda(parts.train(), validationWanted, log);
    conf.setDouble(EaseJob.LAMBDA, lambda);
    TrainedLists tuneLists = TrainedLists.train(conf, new Path(work, "tune"), parts.train(), asOf(parts.train()),
        true, catalog);
    Tuned tuned = search(conf, tuneLists, parts.train(), validationWanted, log);
    evaluation.seconds("tune", t0);
    long tRanker = System.nanoTime();
    TopPicks.Params blendParams = new TopPicks.Params(tuned.seeds, tuned.popularity);
    LearnedRankerFit.Result learned = LearnedRankerFit.fit(conf, tuned.lists, tuned.lists.blended(tuned.blend,
        topK(conf)), blendParams, validationWanted, k, log);
    evaluation.seconds("learned ranker", tRanker);

    // final: train on train + validation, score test
    List<UserItemPair> train = new ArrayList<>(parts.train());
    train.addAll(parts.validation());
    Map<String, Set<String>> testWanted = wanted(parts.test(), relevant);
    Map<String, Set<String>> trainItems = itemsByUser(train);
    conf.setInt(UserRecentJob.HALF_LIFE_HOURS, tuned.halfLifeHours);
    long t1 = System.nanoTime();
    TrainedLists lists = TrainedLists.train(conf, new Path(work, "final"), train, asOf(train), true,
        catalog);
    evaluation.seconds("train (every indicator, popularity, history)", t1);
    Scorer scorer = new Scorer(testWanted, trainItems);

    Map<String, List<ScoredItem>> servedNeighbours = lists.blended(tuned.blend, topK(conf));
    TopPicks blendRanker = new TopPicks(blendParams);
    if (learned.kept()) {
      TopPicks servedRanker = new TopPicks(new TopPicks.Params(tuned.seeds, tuned.popularity, learned.ranker()));
      evaluation.add(SERVED, scorer.score(user -> lists.served(servedRanker, servedNeighbours, user, k)));
      evaluation.add("reco (tuned blend, no learned ranker)", scorer.score(user -> lists.served(blendRanker,
          servedNeighbours, user, k)));
      Path model = new Path(work, LEARNED_RANKER_FILE);
      try (OutputStream file = model.getFileSystem(conf).create(model, true)) {
        file.write(learned.ranker().json().getBytes(StandardCharsets.UTF_8));
      }
    } else {
      evaluation.add(SERVED, scorer.score(user -> lists.served(blendRanker, servedNeighbours, user, k)));
      if (learned.candidate() != null) {
        TopPicks notServed = new TopPicks(new TopPicks.Params(tuned.seeds, tuned.popularity, learned.candidate()));
        evaluation.add("reco + learned ranker (not served)", scorer.score(user -> lists.served(notServed,
            servedNeighbours, user, k)));
      }
    }
    Map<String, List<ScoredItem>> defaultNeighbours = lists.blended(RankingSettings.indicators(base), topK(conf));
    TopPicks defaultRanker = RankingSettings.topPicks(base);
    evaluation.add("reco (default blend weights)", scorer.score(user -> lists.served(defaultRanker,
        defaultNeighbours, user, k)));
    for (String indicator : IndicatorsJob.KNOWN) {
      Map<String, List<ScoredItem>> only = lists.blended(new IndicatorBlend(Map.of(indicator, 1.0)), topK(conf));
      TopPicks plain = new TopPicks(new TopPicks.Params(tuned.seeds, 0));
      evaluation.add("reco, " + indicator + " indicator alone", scorer.score(user -> lists.served(plain, only, user,
          k)));
    }

    evaluation.add("popularity", scorer.score(user -> TopPicks.fill(List.of(), lists.popular,
        trainItems.getOrDefault(user, Set.of()), k).stream().map(ScoredItem::getId).toList()));
    long t2 = System.nanoTime();
    Map<String, List<String>> mahout = mahoutRecommender(conf, new Path(work, "final"), train);
    evaluation.seconds("Mahout RecommenderJob", t2);
    evaluation.add("Mahout RecommenderJob (LLR)", scorer.score(user -> mahout.getOrDefault(user, List.of())));
    long tAls = System.nanoTime();
    Map<String, List<String>> als = mahoutAls(conf, new Path(work, "final"), train);
    evaluation.seconds("Mahout ALS", tAls);
    evaluation.add("Mahout ALS (implicit, ParallelALSFactorizationJob)", scorer.score(user -> als.getOrDefault(user,
        List.of())));
    Map<String, List<ScoredItem>> cosine = lists.indicators.get("cosine");
    evaluation.add("item-kNN (cosine)", scorer.score(user -> itemKnn(cosine, trainItems.getOrDefault(user,
        Set.of()), k)));
    long t3 = System.nanoTime();
    Ease ease = Ease.fit(trainItems.values(), EaseJob.mostUsed(counts(train), easeMaxItems), lambda);
    evaluation.seconds("EASE baseline", t3);
    evaluation.add("EASE (lambda " + (int) lambda + ")", scorer.score(user -> {
      Set<String> has = trainItems.getOrDefault(user, Set.of());
      return ease.recommend(has, has, k).stream().map(ScoredItem::getId).toList();
    }));
    evaluation.tuned.put(RankingSettings.INDICATOR_WEIGHTS, tuned.blend.toString());
    evaluation.tuned.put(RankingSettings.POPULARITY_WEIGHT, String.valueOf(tuned.popularity));
    evaluation.tuned.put(RankingSettings.MAX_SEEDS, String.valueOf(tuned.seeds));
    evaluation.tuned.put(UserRecentJob.HALF_LIFE_HOURS, String.valueOf(tuned.halfLifeHours));
    evaluation.tuned.put(EaseJob.LAMBDA, String.valueOf(lambda));
    if (learned.kept()) {
      evaluation.tuned.put(RankingSettings.LEARNED_RANKER, new Path(work, LEARNED_RANKER_FILE).toString());
    }
    evaluation.counts.put("test_users", (long) testWanted.size());
    evaluation.counts.put("catalog_items", trainItems.values().stream().flatMap(Set::stream).distinct().count());
    return evaluation;
  }

  private static int topK(Configuration conf) {
    return Settings.getInt(conf, TopNeighboursReducer.TOP_K);
  }

  /** Scores one recommender's answers for every test user, overall and by new or returning user. */
  private final class Scorer {
    private final Map<String, Set<String>> wanted;
    private final Map<String, Set<String>> trainItems;

    Scorer(Map<String, Set<String>> wanted, Map<String, Set<String>> trainItems) {
      this.wanted = wanted;
      this.trainItems = trainItems;
    }

    Map<String, Map<String, Double>> score(Answers answers) throws IOException {
      RankingMetrics all = RankingMetrics.over(k, trainItems);
      RankingMetrics returning = RankingMetrics.over(k, trainItems);
      RankingMetrics fresh = RankingMetrics.over(k, trainItems);
      for (Map.Entry<String, Set<String>> user : wanted.entrySet()) {
        List<String> ranked = answers.of(user.getKey());
        all.add(ranked, user.getValue());
        (trainItems.containsKey(user.getKey()) ? returning : fresh).add(ranked, user.getValue());
      }
      Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
      groups.put("all", all.figures());
      groups.put("returning", returning.figures());
      groups.put("new", fresh.figures());
      return groups;
    }
  }

  /** One recommender's answer for a user. */
  private interface Answers {
    List<String> of(String user) throws IOException;
  }

  /** The blend the search found, and the lists with its history half-life. */
  private record Tuned(IndicatorBlend blend, double popularity, int seeds, int halfLifeHours, TrainedLists lists) {
  }

  /** EASE's lambda with the best validation NDCG, of {@link #LAMBDAS}. */
  private double tuneEaseLambda(List<UserItemPair> train, Map<String, Set<String>> wanted, List<String> log) {
    Map<String, Set<String>> has = itemsByUser(train);
    List<String> items = EaseJob.mostUsed(counts(train), easeMaxItems);
    double best = LAMBDAS[0];
    double bestNdcg = -1;
    for (double lambda : LAMBDAS) {
      Ease ease = Ease.fit(has.values(), items, lambda);
      RankingMetrics metrics = new RankingMetrics(k, Map.of(), has.size(), items.size());
      wanted.forEach((user, relevantItems) -> {
        Set<String> known = has.getOrDefault(user, Set.of());
        metrics.add(ease.recommend(known, known, k).stream().map(ScoredItem::getId).toList(), relevantItems);
      });
      log.add(String.format("EASE lambda %.0f: validation ndcg@%d %.4f", lambda, k, metrics.ndcg()));
      if (metrics.ndcg() > bestNdcg) {
        bestNdcg = metrics.ndcg();
        best = lambda;
      }
    }
    return best;
  }

  /**
   * Coordinate search on validation NDCG from the configured settings: each indicator's weight (one weighted 0 is
   * tried at the inverse of its typical top score, so that the steps mean the same for each), the popularity weight,
   * the number of seeds and (first round) the history's half-life, three rounds.
   */
  private Tuned search(Configuration conf, TrainedLists trained, List<UserItemPair> train,
      Map<String, Set<String>> wanted, List<String> log) throws Exception {
    TrainedLists lists = trained;
    int halfLife = Settings.getInt(conf, UserRecentJob.HALF_LIFE_HOURS);
    Map<String, Double> scale = lists.scales();
    // start from the configured blend: the search only moves where validation improves
    IndicatorBlend configured = RankingSettings.indicators(conf);
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String name : scale.keySet()) {
      weights.put(name, configured.weight(name));
    }
    if (weights.values().stream().noneMatch(w -> w > 0)) {
      weights.putAll(scale);
    }
    double popularity = Settings.getDouble(conf, RankingSettings.POPULARITY_WEIGHT);
    int seeds = Settings.getInt(conf, RankingSettings.MAX_SEEDS);
    Map<String, Set<String>> trainItems = itemsByUser(train);
    double best = validationNdcg(conf, lists, new IndicatorBlend(weights), popularity, seeds, wanted, trainItems);
    log.add(String.format("start %s, popularity %s, seeds %d: ndcg@%d %.4f", new IndicatorBlend(weights), popularity,
        seeds, k, best));
    for (int round = 0; round < ROUNDS; round++) {
      for (String name : scale.keySet()) {
        double current = weights.get(name);
        double base = current > 0 ? current : scale.get(name);
        for (double step : WEIGHT_STEPS) {
          Map<String, Double> trial = new LinkedHashMap<>(weights);
          trial.put(name, base * step);
          if (trial.values().stream().noneMatch(w -> w > 0)) {
            continue;
          }
          double ndcg = validationNdcg(conf, lists, new IndicatorBlend(trial), popularity, seeds, wanted, trainItems);
          if (ndcg > best + 1e-6) {
            best = ndcg;
            weights = trial;
            log.add(String.format("%s weight %.4g: ndcg@%d %.4f", name, base * step, k, ndcg));
          }
        }
      }
      for (double p : POPULARITY_WEIGHTS) {
        double ndcg = validationNdcg(conf, lists, new IndicatorBlend(weights), p, seeds, wanted, trainItems);
        if (ndcg > best + 1e-6) {
          best = ndcg;
          popularity = p;
          log.add(String.format("popularity weight %s: ndcg@%d %.4f", p, k, ndcg));
        }
      }
      for (int s : SEEDS) {
        double ndcg = validationNdcg(conf, lists, new IndicatorBlend(weights), popularity, s, wanted, trainItems);
        if (ndcg > best + 1e-6) {
          best = ndcg;
          seeds = s;
          log.add(String.format("seeds %d: ndcg@%d %.4f", s, k, ndcg));
        }
      }
      if (round == 0) {
        for (int hours : HALF_LIVES_HOURS) {
          if (hours == halfLife) {
            continue;
          }
          TrainedLists weighed = trained.withHalfLife(conf, hours);
          double ndcg = validationNdcg(conf, weighed, new IndicatorBlend(weights), popularity, seeds, wanted,
              trainItems);
          if (ndcg > best + 1e-6) {
            best = ndcg;
            halfLife = hours;
            lists = weighed;
            log.add(String.format("history half-life %d h: ndcg@%d %.4f", hours, k, ndcg));
          }
        }
      }
    }
    Map<String, Double> rounded = new LinkedHashMap<>();
    weights.forEach((name, w) -> rounded.put(name, Double.parseDouble(String.format("%.4g", w))));
    log.add(String.format("best: %s, popularity %s, seeds %d, half-life %d h: validation ndcg@%d %.4f",
        new IndicatorBlend(rounded), popularity, seeds, halfLife, k, best));
    return new Tuned(new IndicatorBlend(rounded), popularity, seeds, halfLife, lists);
  }

  private double validationNdcg(Configuration conf, TrainedLists lists, IndicatorBlend blend, double popularity,
      int seeds, Map<String, Set<String>> wanted, Map<String, Set<String>> trainItems) throws IOException {
    Map<String, List<ScoredItem>> neighbours = lists.blended(blend, topK(conf));
    TopPicks ranker = new TopPicks(new TopPicks.Params(seeds, popularity));
    RankingMetrics metrics = new RankingMetrics(k, Map.of(), trainItems.size(), 1);
    for (Map.Entry<String, Set<String>> user : wanted.entrySet()) {
      metrics.add(lists.served(ranker, neighbours, user.getKey(), k), user.getValue());
    }
    return metrics.ndcg();
  }

  /** Per user, the held-out items whose strongest event is {@code relevant}; users without any are left out. */
  static Map<String, Set<String>> wanted(List<UserItemPair> heldOut, Set<EventType> relevant) {
    Set<Integer> weights = new HashSet<>();
    relevant.forEach(type -> weights.add(InteractionWeights.of(type)));
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (UserItemPair pair : heldOut) {
      if (weights.contains(pair.weight())) {
        out.computeIfAbsent(pair.userId(), u -> new LinkedHashSet<>()).add(pair.itemId());
      }
    }
    return out;
  }

  static Map<String, Set<String>> itemsByUser(List<UserItemPair> pairs) {
    Map<String, Set<String>> out = new HashMap<>();
    pairs.forEach(p -> out.computeIfAbsent(p.userId(), u -> new HashSet<>()).add(p.itemId()));
    return out;
  }

  private static Map<String, int[]> counts(List<UserItemPair> pairs) {
    Map<String, int[]> out = new HashMap<>();
    pairs.forEach(p -> out.computeIfAbsent(p.itemId(), i -> new int[1])[0]++);
    return out;
  }

  /** Where ages count from: just after the newest training interaction. */
  static Instant asOf(List<UserItemPair> train) {
    return Instant.ofEpochMilli(train.stream().mapToLong(UserItemPair::lastTimestamp).max().orElse(0) + 1);
  }

  /** Item-kNN: each candidate scores the sum of its cosine similarity to every item the user has. */
  private static List<String> itemKnn(Map<String, List<ScoredItem>> cosine, Set<String> has, int k) {
    Map<String, double[]> scores = new HashMap<>();
    for (String item : has) {
      for (ScoredItem n : cosine.getOrDefault(item, List.of())) {
        if (!has.contains(n.getId())) {
          scores.computeIfAbsent(n.getId(), i -> new double[1])[0] += n.getScore();
        }
      }
    }
    return scores.entrySet().stream()
        .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Double.compare(b.getValue()[0], a.getValue()[0])
            : a.getKey().compareTo(b.getKey()))
        .limit(k).map(Map.Entry::getKey).toList();
  }

  /** Mahout's {@code RecommenderJob} (log-likelihood, boolean) on the training prefs; lists by user id. */
  private Map<String, List<String>> mahoutRecommender(Configuration conf, Path dir, List<UserItemPair> train)
      throws Exception {
    Path output = new Path(dir, "mahout-recommender");
    FileSystem fs = output.getFileSystem(conf);
    fs.delete(output, true);
    String[] args = {
        "--input", new Path(new Path(dir, "interactions"), InteractionsReducer.PREFS).toString(),
        "--output", output.toString(),
        "--tempDir", new Path(dir, "mahout-recommender-tmp").toString(),
        "--similarityClassname", "SIMILARITY_LOGLIKELIHOOD",
        "--booleanData", "true",
        "--numRecommendations", String.valueOf(k),
        "--maxSimilaritiesPerItem", String.valueOf(topK(conf)),
    };
    int status = ToolRunner.run(Jobs.forMahout(conf), new RecommenderJob(), args);
    if (status != 0) {
      throw new JobFailedException(NAME + ": Mahout RecommenderJob failed (exit " + status + ")");
    }
    return mahoutLists(conf, output, train);
  }

  /**
   * Mahout's implicit-feedback ALS ({@code ParallelALSFactorizationJob}, then its {@code RecommenderJob}, which
   * leaves out what each user had) on the training prefs; lists by user id.
   */
  private Map<String, List<String>> mahoutAls(Configuration conf, Path dir, List<UserItemPair> train)
      throws Exception {
    Path factors = new Path(dir, "mahout-als");
    Path output = new Path(dir, "mahout-als-recommendations");
    FileSystem fs = output.getFileSystem(conf);
    fs.delete(factors, true);
    fs.delete(output, true);
    String[] factorize = {
        "--input", new Path(new Path(dir, "interactions"), InteractionsReducer.PREFS).toString(),
        "--output", factors.toString(),
        "--tempDir", new Path(dir, "mahout-als-tmp").toString(),
        "--implicitFeedback", "true",
        "--lambda", String.valueOf(Settings.getDouble(conf, ALS_LAMBDA)),
        "--alpha", String.valueOf(Settings.getDouble(conf, ALS_ALPHA)),
        "--numFeatures", String.valueOf(Settings.getInt(conf, ALS_FEATURES)),
        "--numIterations", String.valueOf(Settings.getInt(conf, ALS_ITERATIONS)),
        "--usesLongIDs", "true",
    };
    int status = ToolRunner.run(Jobs.forMahout(conf),
        new org.apache.mahout.cf.taste.hadoop.als.ParallelALSFactorizationJob(), factorize);
    if (status != 0 || !fs.exists(new Path(factors, "U"))) {
      throw new JobFailedException(NAME + ": Mahout ParallelALSFactorizationJob failed (exit " + status + ")");
    }
    resetSharedMapperState();
    String[] recommend = {
        "--input", new Path(factors, "userRatings").toString(),
        "--output", output.toString(),
        "--userFeatures", new Path(factors, "U").toString(),
        "--itemFeatures", new Path(factors, "M").toString(),
        "--numRecommendations", String.valueOf(k),
        // predicted preferences are not capped: a cap of 1 would tie every item predicted above it
        "--maxRating", String.valueOf(Float.MAX_VALUE),
        "--usesLongIDs", "true",
        "--userIDIndex", new Path(factors, "userIDIndex").toString(),
        "--itemIDIndex", new Path(factors, "itemIDIndex").toString(),
    };
    status = ToolRunner.run(Jobs.forMahout(conf), new org.apache.mahout.cf.taste.hadoop.als.RecommenderJob(),
        recommend);
    resetSharedMapperState();
    if (status != 0) {
      throw new JobFailedException(NAME + ": Mahout ALS RecommenderJob failed (exit " + status + ")");
    }
    return mahoutLists(conf, output, train);
  }

  /**
   * Mahout's ALS mappers keep one object per JVM ({@code SharingMapper}: the solver while factorising, the feature
   * matrices while predicting), which is right on a cluster, where each task has its own JVM. LocalJobRunner runs
   * every task in this one, so the prediction would find the solver: the shared object is dropped in between.
   */
  private static void resetSharedMapperState() throws ReflectiveOperationException {
    java.lang.reflect.Method reset = org.apache.mahout.cf.taste.hadoop.als.SharingMapper.class
        .getDeclaredMethod("reset");
    reset.setAccessible(true);
    reset.invoke(null);
  }

  /** A Mahout recommender's output ({@code userID TAB [itemID:score,...]}) by user id. */
  private static Map<String, List<String>> mahoutLists(Configuration conf, Path output, List<UserItemPair> train)
      throws IOException {
    Map<Long, String> users = new HashMap<>();
    Map<Long, String> items = new HashMap<>();
    for (UserItemPair pair : train) {
      users.put(MahoutIds.of(pair.userId()), pair.userId());
      items.put(MahoutIds.of(pair.itemId()), pair.itemId());
    }
    Map<String, List<String>> lists = new HashMap<>();
    for (String line : lines(conf, output)) {
      // userID TAB [itemID:score,itemID:score,...]
      int tab = line.indexOf('\t');
      String body = line.substring(tab + 2, line.length() - 1);
      List<String> ranked = new ArrayList<>();
      for (String entry : body.isEmpty() ? new String[0] : body.split(",")) {
        ranked.add(items.get(Long.parseLong(entry.substring(0, entry.indexOf(':')))));
      }
      lists.put(users.get(Long.parseLong(line.substring(0, tab))), ranked);
    }
    return lists;
  }
}
