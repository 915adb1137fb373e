package io.reco.jobs.evaluate;

import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.jobs.interactions.InteractionsJob;
import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.jobs.sequence.SequenceJob;
import io.reco.jobs.sequence.SequenceRules;
import io.reco.jobs.similarity.TopNeighboursReducer;
import io.reco.ranking.IndicatorBlend;
import io.reco.ranking.RankingSettings;
import io.reco.ranking.SessionHistory;
import io.reco.ranking.TopPicks;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The session protocol: predict each next item of a held-out session from its prefix, as the session-based
 * recommendation benchmarks do (HR@K and MRR@K). Sessions are cut in time order: the oldest share trains, the next
 * validates, the newest is the test. The served answer is the service's answer to an anonymous visitor's session
 * items - {@link TopPicks} over the session neighbours ({@code IndicatorsJob}'s session blend) of the prefix's
 * items weighed by {@link SessionHistory}, the item on screen left out - with its blend, popularity weight and
 * decay tuned on validation. Baselines on the same split: popularity, co-occurrence in a session and sequential rules
 * (both of the last item), and the blended similar items of the last item.
 */
final class SessionEvaluation {
  private static final double[] WEIGHT_STEPS = {0, 0.25, 0.5, 2, 4};
  private static final double[] POPULARITY_WEIGHTS = {0, 0.01, 0.03, 0.1, 0.3};
  private static final double[] DECAYS = {0, 0.1, 0.25, 0.5, 0.75, 1};
  private static final int ROUNDS = 2;
  /** Validation predictions the search ranks per trial at most (the oldest validation sessions first). */
  private static final int MAX_TUNING_PREDICTIONS = 20_000;

  private final Configuration base;
  private final Path work;
  private final int k;
  private final Path catalog;
  /** What the service's default rules never answer (the catalog's inactive and out-of-stock products). */
  private Set<String> unavailable;

  SessionEvaluation(Configuration base, Path work, int k, Path catalog) {
    this.base = base;
    this.work = work;
    this.k = k;
    this.catalog = catalog;
  }

  /** A prediction to make: the next item after a prefix. */
  private record Case(List<String> prefix, String next) {
  }

  /** The settings the search found. */
  private record Tuned(IndicatorBlend blend, double popularity, double decay) {
  }

  /** One recommender's answer to a prefix. */
  private interface Answers {
    List<String> of(List<String> prefix) throws IOException;
  }

  Evaluation run(String dataset, Path silver, List<Integer> split) throws Exception {
    List<SessionLog.Visit> visits = SessionLog.read(base, silver);
    int trainEnd = (int) Math.round(visits.size() * split.get(0) / 100.0);
    int validationEnd = (int) Math.round(visits.size() * (split.get(0) + split.get(1)) / 100.0);
    List<SessionLog.Visit> train = visits.subList(0, trainEnd);
    List<SessionLog.Visit> validation = visits.subList(trainEnd, validationEnd);
    List<SessionLog.Visit> test = visits.subList(validationEnd, visits.size());
    Evaluation evaluation = new Evaluation(dataset, EvaluateJob.Protocol.session.name(), split, k, Set.of(),
        List.of("hr@" + k, "mrr@" + k));
    evaluation.counts.put("sessions", (long) visits.size());
    evaluation.counts.put("train_sessions", (long) train.size());
    evaluation.counts.put("validation_sessions", (long) validation.size());
    evaluation.counts.put("test_sessions", (long) test.size());

    long t0 = System.nanoTime();
    TrainedLists tuneLists = train(new Path(work, "tune"), train);
    List<Case> validationCases = cases(validation, items(train), MAX_TUNING_PREDICTIONS);
    if (validationCases.isEmpty()) {
      throw new JobFailedException(EvaluateJob.NAME + ": no validation session has two items seen in training ("
          + visits.size() + " sessions in all); use more data or other --split shares");
    }
    Tuned tuned = search(tuneLists, validationCases, evaluation.tuning);
    evaluation.seconds("tune", t0);

    List<SessionLog.Visit> trainAll = visits.subList(0, validationEnd);
    long t1 = System.nanoTime();
    TrainedLists lists = train(new Path(work, "final"), trainAll);
    evaluation.seconds("train (every indicator, popularity)", t1);
    List<Case> testCases = cases(test, items(trainAll), Integer.MAX_VALUE);
    evaluation.counts.put("test_predictions", (long) testCases.size());

    Map<String, List<ScoredItem>> sessionNeighbours = lists.blended(tuned.blend, topK());
    TopPicks served = new TopPicks(new TopPicks.Params(Settings.getInt(base, RankingSettings.MAX_SEEDS),
        tuned.popularity));
    evaluation.add(EvaluateJob.SERVED, score(testCases, prefix -> answer(served, sessionNeighbours, lists.popular,
        prefix, tuned.decay)));
    Map<String, List<ScoredItem>> configured = lists.blended(RankingSettings.sessionIndicators(base), topK());
    TopPicks configuredRanker = RankingSettings.sessionPicks(base);
    double configuredDecay = RankingSettings.sessionDecay(base);
    evaluation.add("reco (default session settings)", score(testCases, prefix -> answer(configuredRanker, configured,
        lists.popular, prefix, configuredDecay)));
    Map<String, List<ScoredItem>> similar = lists.blended(RankingSettings.indicators(base), topK());
    evaluation.add("reco similar items of the last item", score(testCases, prefix -> lastItem(similar,
        lists.popular, prefix)));
    evaluation.add("popularity", score(testCases, prefix -> lastItem(Map.of(), lists.popular, prefix)));
    Map<String, List<ScoredItem>> cooccurrence = cooccurrence(trainAll);
    evaluation.add("co-occurrence in a session (last item)", score(testCases, prefix -> lastItem(cooccurrence,
        lists.popular, prefix)));
    Map<String, List<ScoredItem>> rules = sequentialRules(trainAll, Settings.getInt(base, SequenceJob.STEPS));
    evaluation.add("sequential rules (last item)", score(testCases, prefix -> lastItem(rules, lists.popular,
        prefix)));
    evaluation.tuned.put(RankingSettings.SESSION_INDICATOR_WEIGHTS, tuned.blend.toString());
    evaluation.tuned.put(RankingSettings.SESSION_POPULARITY_WEIGHT, String.valueOf(tuned.popularity));
    evaluation.tuned.put(RankingSettings.SESSION_DECAY, String.valueOf(tuned.decay));
    evaluation.counts.put("catalog_items", (long) items(trainAll).size());
    return evaluation;
  }

  private int topK() {
    return Settings.getInt(base, TopNeighboursReducer.TOP_K);
  }

  /** Runs the interactions job and every model job on the events of {@code visits}. */
  private TrainedLists train(Path dir, List<SessionLog.Visit> visits) throws Exception {
    FileSystem fs = dir.getFileSystem(base);
    fs.delete(dir, true);
    Path events = new Path(dir, "events");
    long newest = 0;
    try (DataFileWriter<InteractionEvent> writer = new DataFileWriter<>(new SpecificDatumWriter<>(
        InteractionEvent.class)).create(InteractionEvent.getClassSchema(), fs.create(new Path(events,
        "part-0.avro")))) {
      for (SessionLog.Visit visit : visits) {
        for (InteractionEvent event : visit.events()) {
          writer.append(event);
          newest = Math.max(newest, event.getTimestamp());
        }
      }
    }
    Path interactions = new Path(dir, "interactions");
    InteractionsJob.check(Jobs.run(InteractionsJob.createJob(base, events, interactions)));
    List<UserItemPair> pairs = EvaluateJob.readPairs(base, new Path(interactions, InteractionsReducer.PAIRS));
    return TrainedLists.train(base, new Path(dir, "models"), pairs, java.time.Instant.ofEpochMilli(newest + 1), true,
        catalog);
  }

  private static Set<String> items(List<SessionLog.Visit> visits) {
    Set<String> items = new HashSet<>();
    visits.forEach(v -> items.addAll(v.items()));
    return items;
  }

  /** Each next item of each session, its items limited to {@code known} (as the benchmarks do), at most {@code max}. */
  private static List<Case> cases(List<SessionLog.Visit> visits, Set<String> known, int max) {
    List<Case> cases = new ArrayList<>();
    for (SessionLog.Visit visit : visits) {
      List<String> items = SessionLog.withoutRepeats(visit.items().stream().filter(known::contains).toList());
      for (int i = 1; i < items.size() && cases.size() < max; i++) {
        cases.add(new Case(items.subList(0, i), items.get(i)));
      }
      if (cases.size() >= max) {
        break;
      }
    }
    return cases;
  }

  private Map<String, Map<String, Double>> score(List<Case> cases, Answers answers) throws IOException {
    SessionMetrics metrics = new SessionMetrics(k);
    for (Case c : cases) {
      metrics.add(answers.of(c.prefix()), c.next());
    }
    Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
    groups.put("all", metrics.figures());
    return groups;
  }

  /** The service's answer to a visitor whose session so far is {@code prefix}. */
  List<String> answer(TopPicks ranker, Map<String, List<ScoredItem>> neighbours, List<ScoredItem> popular,
      List<String> prefix, double decay) throws IOException {
    if (unavailable == null) {
      unavailable = CatalogIndex.read(base, catalog).unavailable();
    }
    TopPicks.Answer answer = SessionHistory.rank(ranker, prefix, decay, unavailable, TrainedLists.lookup(neighbours),
        popular, k);
    return answer.items().stream().map(ScoredItem::getId).toList();
  }

  /** A baseline: the last item's list, popular items after it, the last item left out. */
  private List<String> lastItem(Map<String, List<ScoredItem>> lists, List<ScoredItem> popular, List<String> prefix) {
    String last = prefix.get(prefix.size() - 1);
    List<ScoredItem> own = lists.getOrDefault(last, List.of());
    return TopPicks.fill(own.subList(0, Math.min(k, own.size())), popular, Set.of(last), k).stream()
        .map(ScoredItem::getId).toList();
  }

  /** Items seen in the same session, each pair counted once a session. */
  private Map<String, List<ScoredItem>> cooccurrence(List<SessionLog.Visit> visits) {
    Map<String, Map<String, double[]>> counts = new HashMap<>();
    for (SessionLog.Visit visit : visits) {
      List<String> items = visit.items().stream().distinct().toList();
      for (String a : items) {
        for (String b : items) {
          if (!a.equals(b)) {
            counts.computeIfAbsent(a, x -> new HashMap<>()).computeIfAbsent(b, x -> new double[1])[0]++;
          }
        }
      }
    }
    return best(counts);
  }

  /** The sequential rules baseline over the sessions' click sequences, repeats and all. */
  private Map<String, List<ScoredItem>> sequentialRules(List<SessionLog.Visit> visits, int steps) throws IOException {
    Map<String, Map<String, double[]>> rules = new HashMap<>();
    try {
      for (SessionLog.Visit visit : visits) {
        SequenceRules.emit(visit.items(), steps, (a, b, weight) ->
            rules.computeIfAbsent(a, x -> new HashMap<>()).computeIfAbsent(b, x -> new double[1])[0] += weight);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return best(rules);
  }

  private Map<String, List<ScoredItem>> best(Map<String, Map<String, double[]>> scores) {
    Map<String, List<ScoredItem>> out = new HashMap<>(scores.size() * 2);
    scores.forEach((item, row) -> out.put(item, row.entrySet().stream()
        .sorted((x, y) -> x.getValue()[0] != y.getValue()[0] ? Double.compare(y.getValue()[0], x.getValue()[0])
            : x.getKey().compareTo(y.getKey()))
        .limit(k).map(e -> new ScoredItem(e.getKey(), e.getValue()[0])).toList()));
    return out;
  }

  /**
   * Coordinate search on validation MRR from the configured session settings: each indicator's weight (one weighted
   * 0 tried at the inverse of its typical top score), the popularity weight and the decay.
   */
  private Tuned search(TrainedLists lists, List<Case> cases, List<String> log) throws IOException {
    Map<String, Double> scale = lists.scales();
    IndicatorBlend configured = RankingSettings.sessionIndicators(base);
    Map<String, Double> weights = new LinkedHashMap<>();
    scale.keySet().forEach(name -> weights.put(name, configured.weight(name)));
    if (weights.values().stream().noneMatch(w -> w > 0)) {
      weights.putAll(scale);
    }
    double popularity = Settings.getDouble(base, RankingSettings.SESSION_POPULARITY_WEIGHT);
    double decay = RankingSettings.sessionDecay(base);
    Map<String, Double> current = weights;
    double best = validationMrr(lists, new IndicatorBlend(current), popularity, decay, cases);
    log.add(String.format("start %s, popularity %s, decay %s: mrr@%d %.4f over %d predictions",
        new IndicatorBlend(current), popularity, decay, k, best, cases.size()));
    for (int round = 0; round < ROUNDS; round++) {
      for (String name : scale.keySet()) {
        double at = current.get(name) > 0 ? current.get(name) : scale.get(name);
        for (double step : current.get(name) > 0 ? WEIGHT_STEPS : new double[] {1}) {
          Map<String, Double> trial = new LinkedHashMap<>(current);
          trial.put(name, at * step);
          if (trial.equals(current) || trial.values().stream().noneMatch(w -> w > 0)) {
            continue;
          }
          double mrr = validationMrr(lists, new IndicatorBlend(trial), popularity, decay, cases);
          if (mrr > best + 1e-6) {
            best = mrr;
            current = trial;
            log.add(String.format("%s weight %.4g: mrr@%d %.4f", name, at * step, k, mrr));
          }
        }
      }
      for (double p : POPULARITY_WEIGHTS) {
        double mrr = validationMrr(lists, new IndicatorBlend(current), p, decay, cases);
        if (mrr > best + 1e-6) {
          best = mrr;
          popularity = p;
          log.add(String.format("popularity weight %s: mrr@%d %.4f", p, k, mrr));
        }
      }
      for (double d : DECAYS) {
        double mrr = validationMrr(lists, new IndicatorBlend(current), popularity, d, cases);
        if (mrr > best + 1e-6) {
          best = mrr;
          decay = d;
          log.add(String.format("decay %s: mrr@%d %.4f", d, k, mrr));
        }
      }
    }
    Map<String, Double> rounded = new LinkedHashMap<>();
    current.forEach((name, w) -> rounded.put(name, Double.parseDouble(String.format("%.4g", w))));
    log.add(String.format("best: %s, popularity %s, decay %s: validation mrr@%d %.4f", new IndicatorBlend(rounded),
        popularity, decay, k, best));
    return new Tuned(new IndicatorBlend(rounded), popularity, decay);
  }

  private double validationMrr(TrainedLists lists, IndicatorBlend blend, double popularity, double decay,
      List<Case> cases) throws IOException {
    Map<String, List<ScoredItem>> neighbours = lists.blended(blend, topK());
    TopPicks ranker = new TopPicks(new TopPicks.Params(Settings.getInt(base, RankingSettings.MAX_SEEDS), popularity));
    SessionMetrics metrics = new SessionMetrics(k);
    for (Case c : cases) {
      metrics.add(answer(ranker, neighbours, lists.popular, c.prefix(), decay), c.next());
    }
    return metrics.mrr();
  }
}
