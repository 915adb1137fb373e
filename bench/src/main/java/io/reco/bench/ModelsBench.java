package io.reco.bench;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.content.ContentNeighboursJob;
import io.reco.jobs.cross.CrossOccurrenceJob;
import io.reco.jobs.ease.EaseJob;
import io.reco.jobs.evaluate.ModelValidation;
import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.jobs.interactions.InteractionsJob;
import io.reco.jobs.popularity.PopularityJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.jobs.sequence.SequenceJob;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.jobs.together.BoughtTogetherJob;
import io.reco.jobs.toppicks.TopPicksJob;
import io.reco.records.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ToolRunner;
import org.apache.mahout.cf.taste.hadoop.similarity.item.ItemSimilarityJob;

/**
 * Training time of each model job of the pipeline on LocalJobRunner, beside Mahout's {@code ItemSimilarityJob}
 * alone (log-likelihood, as the {@code llr} indicator runs it) on the same interactions in the same run: the
 * {@code llr} and {@code cosine} indicators (Mahout plus the two id joins), {@code cross}, {@code ease},
 * {@code sequence}, the blend, popularity and trending, bought together, content neighbours, the users' history and
 * exclusions, the active users' precomputed top picks, and the validation (every weighted indicator trained again on 90%,
 * the held-out users ranked as served). The shop and its bronze-to-silver run are kept in {@code var/bench/models-<events>}.
 *
 * <p>Usage: {@code bench/models [events=1000000] [days=7]}.
 */
public final class ModelsBench {
  private ModelsBench() {
  }

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    if (events < 1 || days < 1) {
      throw new IllegalArgumentException("usage: bench/models [events=1000000] [days=7], each >= 1");
    }
    Path shop = Path.of("var", "bench", "models-" + events + (days == 7 ? "" : "-" + days)).toAbsolutePath();
    Configuration conf = LocalJobs.configure(Settings.create(), shop.resolve("tmp"));
    FileSystem fs = FileSystem.getLocal(conf);
    org.apache.hadoop.fs.Path run = FeaturesBench.silver(fs, conf, shop, events, days);
    org.apache.hadoop.fs.Path work = new org.apache.hadoop.fs.Path(run, "models");
    fs.delete(work, true);
    Map<String, Double> seconds = new LinkedHashMap<>();

    org.apache.hadoop.fs.Path interactions = new org.apache.hadoop.fs.Path(work, "interactions");
    long start = System.nanoTime();
    InteractionsJob.Result read = InteractionsJob.check(Jobs.run(InteractionsJob.createJob(conf,
        new org.apache.hadoop.fs.Path(run, BronzeToSilverTool.SILVER), interactions)));
    seconds.put("interactions", since(start));
    System.out.printf("input: %,d silver events, %,d user-item pairs; %d cores, max heap %,d MB%n",
        read.eventsRead(), read.pairs(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);

    org.apache.hadoop.fs.Path alone = new org.apache.hadoop.fs.Path(work, "mahout-alone");
    start = System.nanoTime();
    int status = ToolRunner.run(new Configuration(conf), new ItemSimilarityJob(), SimilarItemsJob.mahoutArgs(conf,
        new org.apache.hadoop.fs.Path(interactions, "prefs"), new org.apache.hadoop.fs.Path(alone, "out"),
        new org.apache.hadoop.fs.Path(alone, "tmp"), SimilarItemsJob.Measure.LLR));
    double mahout = since(start);
    if (status != 0 || !Jobs.hasData(fs, new org.apache.hadoop.fs.Path(alone, "out"))) {
      throw new IllegalStateException("Mahout ItemSimilarityJob wrote nothing (exit " + status + ")");
    }
    org.apache.hadoop.fs.Path indicators = new org.apache.hadoop.fs.Path(work, "indicators");
    for (SimilarItemsJob.Measure measure : SimilarItemsJob.Measure.values()) {
      start = System.nanoTime();
      SimilarItemsJob.run(conf, interactions, new org.apache.hadoop.fs.Path(indicators, measure.indicator()),
          measure);
      seconds.put(measure.indicator() + " indicator (Mahout + 2 id joins)", since(start));
    }
    start = System.nanoTime();
    CrossOccurrenceJob.run(conf, interactions, new org.apache.hadoop.fs.Path(indicators,
        CrossOccurrenceJob.INDICATOR));
    seconds.put("cross indicator (3 passes)", since(start));
    start = System.nanoTime();
    EaseJob.Result ease = EaseJob.run(conf, interactions, new org.apache.hadoop.fs.Path(indicators, EaseJob.NAME));
    seconds.put("ease indicator (" + ease.itemsModelled() + " items, one reducer)", since(start));
    start = System.nanoTime();
    SequenceJob.run(conf, interactions, new org.apache.hadoop.fs.Path(indicators, SequenceJob.INDICATOR));
    seconds.put("sequence indicator (2 passes)", since(start));
    start = System.nanoTime();
    List<org.apache.hadoop.fs.Path> trained = new java.util.ArrayList<>();
    IndicatorsJob.KNOWN.forEach(name -> trained.add(new org.apache.hadoop.fs.Path(indicators, name)));
    Jobs.run(IndicatorsJob.blendJob(conf, trained, new org.apache.hadoop.fs.Path(indicators, IndicatorsJob.BLENDED)));
    seconds.put("blend of the five", since(start));
    org.apache.hadoop.fs.Path silver = new org.apache.hadoop.fs.Path(run, BronzeToSilverTool.SILVER);
    org.apache.hadoop.fs.Path catalog = new FeatureInputs(List.of(silver), new org.apache.hadoop.fs.Path(run,
        BronzeToSilverTool.SILVER_MASTERS), null).master(conf, FeatureInputs.CATALOG);
    // the end of the shop's last day: its recent users are the active ones, its last day the trending window
    Instant asOf = FeaturesBench.START.plusDays(days).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    start = System.nanoTime();
    org.apache.hadoop.fs.Path popular = new org.apache.hadoop.fs.Path(work, "popular");
    Jobs.run(PopularityJob.createJob(conf, interactions, catalog, silver, asOf, popular));
    seconds.put("popularity and trending, global and per category", since(start));
    start = System.nanoTime();
    BoughtTogetherJob.run(conf, silver, new org.apache.hadoop.fs.Path(work, "together"));
    seconds.put("bought-together (3 passes)", since(start));
    if (catalog != null) {
      start = System.nanoTime();
      ContentNeighboursJob.run(conf, catalog, new org.apache.hadoop.fs.Path(work, "content"));
      seconds.put("content-neighbours (3 passes)", since(start));
    }
    start = System.nanoTime();
    org.apache.hadoop.fs.Path history = new org.apache.hadoop.fs.Path(work, "history");
    Jobs.run(UserRecentJob.createJob(conf, interactions, asOf, catalog, history));
    seconds.put("user-recent (history and exclusions)", since(start));
    start = System.nanoTime();
    TopPicksJob.Result picks = TopPicksJob.run(conf, interactions, history, new org.apache.hadoop.fs.Path(indicators,
        IndicatorsJob.BLENDED), popular, catalog, asOf, new org.apache.hadoop.fs.Path(work, "top-picks"));
    seconds.put("top-picks (" + picks.precomputed() + " users, 3 passes)", since(start));
    start = System.nanoTime();
    ModelValidation.Result validation = ModelValidation.run(conf, interactions, null,
        new org.apache.hadoop.fs.Path(work, "validation"), 10);
    seconds.put("validate (every weighted indicator again, ranked as served)", since(start));

    System.out.printf("%nMahout ItemSimilarityJob alone (LLR) on the same prefs: %.1f s%n", mahout);
    System.out.printf("%-62s %9s %16s %14s%n", "job", "seconds", "x Mahout alone", "events/s");
    seconds.forEach((job, s) -> System.out.printf("%-62s %9.1f %16.2f %,14.0f%n", job, s, s / mahout,
        read.eventsRead() / s));
    double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf("%-62s %9.1f %16.2f %,14.0f%n", "all model jobs", total, total / mahout,
        read.eventsRead() / total);
    System.out.printf("validation: %s over %d users%n", validation.metrics(), validation.users());
  }

  private static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
