package io.reco.jobs.pipeline;

import io.reco.commands.DateRange;
import io.reco.commands.RecoTool;
import io.reco.commands.WorkflowOutput;
import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.content.ContentNeighboursJob;
import io.reco.jobs.evaluate.ModelValidation;
import io.reco.jobs.features.ItemFeaturesJob;
import io.reco.jobs.feedback.FeedbackJob;
import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.jobs.interactions.InteractionsJob;
import io.reco.jobs.load.LoadListsJob;
import io.reco.jobs.models.ModelTool;
import io.reco.jobs.popularity.PopularityJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.jobs.sessions.SessionsJob;
import io.reco.jobs.together.BoughtTogetherJob;
import io.reco.jobs.toppicks.TopPicksJob;
import io.reco.jobs.training.TrainingExportJob;
import io.reco.quality.Check;
import io.reco.quality.QualityReport;
import io.reco.quality.ReportFormat;
import io.reco.quality.SourceVolume;
import io.reco.quality.Status;
import io.reco.ranking.RankingSettings;
import io.reco.records.Settings;
import io.reco.schema.Lineage;
import io.reco.schema.ModelRegistry;
import io.reco.schema.Promotion;
import io.reco.schema.RecoTables;
import io.reco.schema.TableSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Builds and publishes a model version from a date range of the raw zone: bronze to silver with its quality
 * report, then, from silver only, interactions, the gold features, the weighted indicators and their blend,
 * popularity and trending, the items bought together, the click-through and conversion of the service's earlier
 * answers when its impressions are in the range ({@link FeedbackJob}), the content neighbours, the users' history
 * and exclusions, and the validation of the model on the newest interactions held out ({@link ModelValidation});
 * bulk-loads the lists under the new version, records its lineage (the raw partitions with their manifests' MD5s, the
 * {@code reco.*} settings, the validation figures, the code version) and promotes it only when it beats the served
 * version by the configured margin, so readers switch from the old model to the new one at once, or not at all. A
 * failed quality check, or any failure, leaves the active model as it was.
 *
 * <p>{@code hadoop jar reco-jobs.jar pipeline --raw raw/ --from 2026-11-01 --to 2026-11-07 --work work/}
 */
@Command(name = PipelineJob.NAME, description = "all of the above from raw partitions to a published model")
public final class PipelineJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "pipeline";
  /** The run's gold datasets, under its work directory. */
  public static final String GOLD = "gold";

  /** Hears about each stage as it ends. */
  public interface Progress {
    /** A stage ended after {@code elapsed}, having done what {@code detail} says. */
    void stage(String stage, String detail, Duration elapsed);
  }

  /** Promote the run's model whatever its validation figure. */
  public static final String FORCE_PROMOTE = "reco.models.force-promote";

  /** What a run built, and whether it is now served. */
  public record Result(String version, Map<String, Long> stats, Duration elapsed, boolean promoted) {
  }

  /**
   * Runs every stage and activates the new version. Bronze to silver comes first, into {@code <work>/<version>/},
   * judged against the earlier runs under {@code work}; a failed check stops the run before any model job, with the
   * served model as it was.
   */
  public static Result run(Configuration conf, Path raw, LocalDate from, LocalDate to, Path work, Progress progress)
      throws Exception {
    return run(conf, raw, from, to, work, null, progress);
  }

  /**
   * As {@link #run(Configuration, Path, LocalDate, LocalDate, Path, Progress)}, but from the output of a
   * bronze-to-silver run of the same dates when {@code silver} names one (a workflow ran it and judged its report):
   * its report is read again, not recomputed, and the run's other outputs go beside it.
   *
   * @param checked that output, or null to run bronze to silver into {@code <work>/<version>/}
   */
  public static Result run(Configuration conf, Path raw, LocalDate from, LocalDate to, Path work, Path checked,
      Progress progress) throws Exception {
    Instant started = Instant.now();
    String version = ModelRegistry.newVersion(started);
    Path dir = checked != null ? checked : new Path(work, version);
    Map<String, Long> stats = new LinkedHashMap<>();
    Stage stage = new Stage(progress);
    // its checks are in the report; the stage's line names the ones that did not pass
    QualityReport report = checked != null ? checkedReport(conf, checked, from, to)
        : new BronzeToSilverTool(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
            .run(conf, raw, from, to, dir, work);
    Path reportPage = new Path(new Path(dir, BronzeToSilverTool.REPORT), ReportFormat.HTML.fileName());
    List<Check> failed = report.checks().stream().filter(c -> c.status() == Status.FAIL).toList();
    if (!failed.isEmpty()) {
      throw new JobFailedException(NAME + ": bronze-to-silver failed " + failed.size() + " check(s), first "
          + failed.get(0).name() + ": " + failed.get(0).message() + "; no model built, the served model is unchanged;"
          + " report " + reportPage);
    }
    SourceVolume clickstream = report.sources().get(0);
    stats.put("lines_read", clickstream.read());
    stats.put("events_used", clickstream.clean());
    stats.put("lines_removed", clickstream.read() - clickstream.clean());
    List<String> warned = report.checks().stream().filter(c -> c.status() == Status.WARN).map(Check::name).toList();
    stage.done("bronze-to-silver", String.format("%s: %d lines read, %d events in silver%s; report %s",
        report.status(), clickstream.read(), clickstream.clean(), warned.isEmpty() ? "" : ", WARN " + warned,
        reportPage));
    Path impressions = new Path(dir, BronzeToSilverTool.SILVER_IMPRESSIONS);
    if (impressions.getFileSystem(conf).exists(impressions)) {
      Path feedbackDir = new Path(dir, FeedbackJob.NAME);
      FeedbackJob.Result feedback = FeedbackJob.run(conf, impressions, new Path(dir, BronzeToSilverTool.SILVER),
          feedbackDir);
      long clicks = feedback.rows().stream().mapToLong(FeedbackJob.Row::clicks).sum();
      long conversions = feedback.rows().stream().mapToLong(FeedbackJob.Row::conversions).sum();
      stats.put("feedback_impressions", feedback.impressionsRead());
      stats.put("feedback_clicks", clicks);
      stats.put("feedback_conversions", conversions);
      stage.done(FeedbackJob.NAME, String.format("%d impressions of the service, %d clicked, %d converted, over %d"
          + " variant/model/endpoint groups; %s", feedback.impressionsRead(), clicks, conversions,
          feedback.rows().size(), new Path(feedbackDir, FeedbackJob.SUMMARY)));
    }
    Configuration hbaseConf = Jobs.withHBase(conf);
    try (Connection connection = ConnectionFactory.createConnection(hbaseConf)) {
      ModelRegistry registry = new ModelRegistry(connection);
      List<String> erased = ErasedCustomers.read(raw.getFileSystem(conf), raw);
      if (!erased.isEmpty()) {
        ErasedCustomers.delete(connection, erased);
        stats.put("customers_erased", (long) erased.size());
        stage.done("erase", erased.size() + " customers deleted in the shop's database: their events dropped before"
            + " silver, their rows deleted from " + RecoTables.USER_TABLES.size() + " user tables, every version");
      }
      registry.register(version, started);

      Path interactions = new Path(dir, "interactions");
      InteractionsJob.Result read = InteractionsJob.check(Jobs.run(InteractionsJob.createJob(conf,
          new Path(dir, BronzeToSilverTool.SILVER), interactions)));
      stats.put("pairs", read.pairs());
      stage.done("interactions", String.format("%d silver events: %d user-item pairs", read.eventsRead(),
          read.pairs()));

      Instant asOf = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Path gold = new Path(dir, GOLD);
      FeatureInputs silver = new FeatureInputs(List.of(new Path(dir, BronzeToSilverTool.SILVER)),
          new Path(dir, BronzeToSilverTool.SILVER_MASTERS), null);
      SessionsJob.Result sessions = SessionsJob.run(conf, silver, gold, asOf);
      stats.put("sessions", sessions.sessions());
      stage.done("sessions", String.format("%d sessions of %d users, gold in %s", sessions.sessions(),
          sessions.users(), new Path(gold, SessionsJob.DIR)));

      ItemFeaturesJob.Result items = ItemFeaturesJob.run(conf, silver, gold, asOf);
      stats.put("items_with_features", items.items());
      stage.done("item-features", String.format("%d items (%d in the catalog, %d without events)", items.items(),
          items.inCatalog(), items.withoutEvents()));

      TrainingExportJob.Result training = TrainingExportJob.run(conf, silver, gold, asOf);
      stats.put("training_examples", training.train() + training.validation() + training.test());
      stage.done("training-export", String.format("%d train, %d validation, %d test examples", training.train(),
          training.validation(), training.test()));

      Path indicators = new Path(dir, "indicators");
      IndicatorsJob.Result trained = IndicatorsJob.run(conf, interactions, indicators);
      trained.itemsByIndicator().forEach((indicator, n) -> stats.put("items_" + indicator, n));
      stats.put("items_with_neighbours", trained.blendedItems());
      stats.put("items_with_session_neighbours", trained.sessionItems());
      stage.done("indicators", String.format("items with neighbours %s, blended (%s): %d, for sessions (%s): %d",
          trained.itemsByIndicator(), RankingSettings.indicators(conf), trained.blendedItems(),
          RankingSettings.sessionIndicators(conf), trained.sessionItems()));

      Path popular = new Path(dir, "popular");
      PopularityJob.Result popularity = PopularityJob.Result.of(Jobs.run(PopularityJob.createJob(conf, interactions,
          silver.master(conf, FeatureInputs.CATALOG), new Path(dir, BronzeToSilverTool.SILVER), asOf, popular)));
      stats.put("popular_lists", popularity.popularLists());
      stats.put("trending_lists", popularity.trendingLists());
      stage.done("popularity", String.format("global list and one per category: %d lists; trending in the %d h"
          + " before %s: %d lists", popularity.popularLists(), Settings.getInt(conf, PopularityJob.WINDOW_HOURS),
          asOf, popularity.trendingLists()));

      Path together = new Path(dir, "together");
      BoughtTogetherJob.Result bought = BoughtTogetherJob.run(conf, new Path(dir, BronzeToSilverTool.SILVER),
          together);
      stats.put("items_bought_together", bought.itemsWithNeighbours());
      stage.done("bought-together", String.format("%d purchases in %d baskets (%d sampled down): %d items with"
          + " neighbours", bought.purchases(), bought.baskets(), bought.basketsSampled(),
          bought.itemsWithNeighbours()));

      Path content = new Path(dir, "content");
      Path catalog = silver.master(conf, FeatureInputs.CATALOG);
      if (catalog == null) {
        stats.put("items_with_content_neighbours", 0L);
        stage.done("content-neighbours", "no catalog in silver");
      } else {
        ContentNeighboursJob.Result alike = ContentNeighboursJob.run(conf, catalog, content);
        stats.put("items_with_content_neighbours", alike.itemsWithNeighbours());
        stage.done("content-neighbours", String.format("%d active products (%d inactive left out), %d tokens too"
            + " common to index: %d with neighbours", alike.products(), alike.inactive(), alike.commonTokens(),
            alike.itemsWithNeighbours()));
      }

      Path history = new Path(dir, "history");
      Job recentJob = Jobs.run(UserRecentJob.createJob(conf, interactions, asOf, silver.master(conf,
          FeatureInputs.CATALOG), history));
      long users = recentJob.getCounters().findCounter(TaskCounter.REDUCE_INPUT_GROUPS).getValue();
      stats.put("users", users);
      stage.done("user-recent", users + " users, as of " + asOf + ", excluding their "
          + UserRecentJob.excludedTypes(conf) + " items");

      Path topPicks = new Path(dir, "top-picks");
      TopPicksJob.Result picks = TopPicksJob.run(conf, interactions, history, new Path(indicators,
          IndicatorsJob.BLENDED), popular, silver.master(conf, FeatureInputs.CATALOG), asOf, topPicks);
      stats.put("users_precomputed", picks.precomputed());
      stage.done("top-picks", String.format("%d of %d users active in the last %d days, %d precomputed",
          picks.activeUsers(), picks.users(), Settings.getInt(conf, TopPicksJob.ACTIVE_DAYS), picks.precomputed()));

      String metric = Settings.get(conf, ModelTool.PROMOTE_METRIC);
      ModelValidation.Result validation = ModelValidation.run(conf, interactions, silver.master(conf,
          FeatureInputs.CATALOG), new Path(dir, "validation"), cutOff(metric));
      stage.done("validate", String.format("newest %.0f%% of interactions held out: %s %.4f over %d users",
          Settings.getDouble(conf, ModelValidation.SHARE) * 100, metric, validation.metrics().getOrDefault(metric, 0.0),
          validation.users()));

      Map<TableSpec, Path> lists = new LinkedHashMap<>();
      lists.put(RecoTables.ITEM_SIMILAR, new Path(indicators, IndicatorsJob.BLENDED));
      lists.put(RecoTables.ITEM_NEXT, new Path(indicators, IndicatorsJob.SESSION));
      lists.put(RecoTables.POPULAR, popular);
      lists.put(RecoTables.USER_RECENT, new Path(history, UserRecentJob.RECENT));
      lists.put(RecoTables.USER_EXCLUDED, new Path(history, UserRecentJob.EXCLUDED));
      lists.put(RecoTables.USER_TOP, topPicks);
      lists.put(RecoTables.USER_FEATURES, new Path(new Path(gold, SessionsJob.DIR), SessionsJob.FEATURES));
      lists.put(RecoTables.ITEM_FEATURES, new Path(new Path(gold, ItemFeaturesJob.DIR), ItemFeaturesJob.FEATURES));
      lists.put(RecoTables.ITEM_TOGETHER, together);
      lists.put(RecoTables.ITEM_CONTENT, content);
      // lists a run may rightly lack, and what their absence means
      Map<TableSpec, String> mayBeEmpty = Map.of(RecoTables.USER_EXCLUDED, "no user has an excluded item",
          RecoTables.USER_TOP, "no user was active in the last " + Settings.getInt(conf, TopPicksJob.ACTIVE_DAYS)
              + " days",
          RecoTables.ITEM_TOGETHER, "no two items were bought together in enough baskets",
          RecoTables.ITEM_CONTENT, "no catalog, or no two active products alike");
      for (Map.Entry<TableSpec, Path> list : lists.entrySet()) {
        TableSpec table = list.getKey();
        String name = table.tableName().getQualifierAsString();
        if (mayBeEmpty.containsKey(table) && !Jobs.hasData(list.getValue().getFileSystem(conf), list.getValue())) {
          stats.put("rows_" + name, 0L);
          stage.done("load " + table.name(), mayBeEmpty.get(table));
          continue;
        }
        long rows = LoadListsJob.load(hbaseConf, connection, table, version, list.getValue(),
            new Path(dir, "hfiles/" + name));
        stats.put("rows_" + name, rows);
        stage.done("load " + table.name(), rows + " rows as HFiles, bulk-loaded");
      }

      registry.recordStats(version, stats);
      List<Lineage.Input> inputs = new ArrayList<>(RunLineage.inputs(raw.getFileSystem(conf), raw, from, to));
      inputs.add(RunLineage.silver(dir.getFileSystem(conf), dir));
      registry.recordLineage(version, new Lineage(inputs, RunLineage.parameters(conf), validation.metrics(),
          Lineage.codeVersionOf(PipelineJob.class), started));
      Promotion promotion = registry.promote(version, metric, Settings.getDouble(conf, ModelTool.PROMOTE_MARGIN),
          Settings.getBoolean(conf, FORCE_PROMOTE));
      stage.done("publish", promotion.promoted() ? "model " + version + " is now served (" + promotion.reason() + ")"
          : "model " + version + " kept as a candidate, " + promotion.version() + " not served: " + promotion.reason());
      return new Result(version, stats, Duration.between(started, Instant.now()), promotion.promoted());
    }
  }

  /** The K of a metric named {@code name@K}. */
  static int cutOff(String metric) {
    int at = metric.lastIndexOf('@');
    try {
      return Integer.parseInt(metric.substring(at + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(ModelTool.PROMOTE_METRIC + " is a figure at K, like ndcg@10; was '" + metric
          + "'", e);
    }
  }

  /** Times the stages. */
  private static final class Stage {
    private final Progress progress;
    private Instant since = Instant.now();

    Stage(Progress progress) {
      this.progress = progress;
    }

    void done(String name, String detail) {
      Instant now = Instant.now();
      progress.stage(name, detail, Duration.between(since, now));
      since = now;
    }
  }

  /** The report of a bronze-to-silver output; the error says when there is none or it covers other dates. */
  private static QualityReport checkedReport(Configuration conf, Path silver, LocalDate from, LocalDate to)
      throws IOException {
    QualityReport report = BronzeToSilverTool.report(silver.getFileSystem(conf), silver);
    if (report == null) {
      throw new IllegalArgumentException(NAME + ": --silver " + silver + " is not a bronze-to-silver output (it"
          + " has no " + BronzeToSilverTool.REPORT + "/" + ReportFormat.JSON.fileName() + ")");
    }
    if (!report.from().equals(from.toString()) || !report.to().equals(to.toString())) {
      throw new IllegalArgumentException(NAME + ": --silver " + silver + " covers " + report.from() + " to "
          + report.to() + ", not the run's " + from + " to " + to);
    }
    return report;
  }

  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Mixin
  private DateRange days;
  @Option(names = "--work", required = true, description = "Working directory of the run's intermediate outputs.")
  private Path work;
  @Option(names = "--silver", description = "A bronze-to-silver output of the same dates to build from, instead of"
      + " running it again (its report must pass).")
  private Path silver;

  @Override
  protected int execute() throws Exception {
    Result result = run(getConf(), raw, days.from(), days.to(), work, silver, (stage, detail, elapsed) ->
            System.out.printf("%-28s %6.1f s  %s%n", stage, elapsed.toMillis() / 1000.0, detail));
    System.out.printf("%s: model %s published in %.1f s%s%n", NAME, result.version(),
        result.elapsed().toMillis() / 1000.0, result.promoted() ? ", now served" : ", not promoted");
    WorkflowOutput.write(Map.of("version", result.version(), "promoted", Boolean.toString(result.promoted())));
    return 0;
  }
}
