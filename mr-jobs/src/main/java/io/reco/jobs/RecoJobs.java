package io.reco.jobs;

import io.reco.ingest.common.CommandLine;
import io.reco.ingest.clickstream.ClickstreamIngestTool;
import io.reco.ingest.external.ProductMetadataTool;
import io.reco.ingest.importers.ImportTool;
import io.reco.ingest.master.MasterSyncTool;
import io.reco.ingest.raw.VerifyRawTool;
import io.reco.ingest.transactions.TransactionsIngestTool;
import io.reco.jobs.clean.CleanJob;
import io.reco.jobs.generate.GenerateTool;
import io.reco.jobs.interactions.InteractionsJob;
import io.reco.jobs.load.LoadListsJob;
import io.reco.jobs.orders.OrdersJob;
import io.reco.jobs.pipeline.PipelineJob;
import io.reco.jobs.pipeline.PublishTool;
import io.reco.jobs.popularity.PopularityJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.jobs.references.ReferencesJob;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.jobs.validate.ValidateJob;
import io.reco.schema.SchemaTool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The one entry point of the jobs jar: {@code hadoop jar reco-jobs.jar <job> [-D key=value...] [--arg value...]}.
 * Lists the jobs when called without one. Errors print as one line; {@code -Dreco.debug=true} adds the stack.
 */
public final class RecoJobs {
  private record Entry(String description, Supplier<Tool> tool) {
  }

  private static final Map<String, Entry> JOBS = new LinkedHashMap<>();

  static {
    JOBS.put(SchemaTool.NAME, new Entry("create, verify or print the HBase tables",
        () -> new SchemaTool(System.out)));
    JOBS.put(ClickstreamIngestTool.NAME, new Entry("Kafka clickstream -> raw zone by event hour, exactly once",
        ClickstreamIngestTool::new));
    JOBS.put(TransactionsIngestTool.NAME, new Entry("landing/ order CSV files -> raw zone by date, then archive",
        TransactionsIngestTool::new));
    JOBS.put(MasterSyncTool.NAME, new Entry("catalog or customers export -> dated snapshot, e-mails hashed",
        MasterSyncTool::new));
    JOBS.put(ProductMetadataTool.NAME, new Entry("product metadata REST API -> raw zone, with retries",
        ProductMetadataTool::new));
    JOBS.put(ImportTool.NAME, new Entry("REES46, Online Retail, RetailRocket or MovieLens -> canonical raw zone",
        ImportTool::new));
    JOBS.put(VerifyRawTool.NAME, new Entry("check every raw file against its manifest", VerifyRawTool::new));
    JOBS.put(GenerateTool.NAME, new Entry("write a synthetic shop (catalog, customers, clickstream)",
        GenerateTool::new));
    JOBS.put(ValidateJob.NAME, new Entry("raw clickstream -> checked, de-duplicated Avro by date, quarantine",
        ValidateJob::new));
    JOBS.put(OrdersJob.NAME, new Entry("raw transactions CSV -> checked orders with their items, Avro by date",
        OrdersJob::new));
    JOBS.put(CleanJob.NAME, new Entry("validated events -> near duplicates and bots out, clean Avro by date",
        CleanJob::new));
    JOBS.put(ReferencesJob.NAME, new Entry("silver events joined to the catalog or customers: unknown ids out",
        ReferencesJob::new));
    JOBS.put(BronzeToSilverTool.NAME, new Entry("all validation jobs over a date range, quality report, checks",
        BronzeToSilverTool::new));
    JOBS.put(InteractionsJob.NAME, new Entry("raw clickstream -> per user-item pairs, Mahout prefs, quarantine",
        InteractionsJob::new));
    JOBS.put(SimilarItemsJob.NAME, new Entry("Mahout log-likelihood item similarity -> top-K lists",
        SimilarItemsJob::new));
    JOBS.put(PopularityJob.NAME, new Entry("global popularity list", PopularityJob::new));
    JOBS.put(UserRecentJob.NAME, new Entry("per user, recent items weighted by strength and age",
        UserRecentJob::new));
    JOBS.put(LoadListsJob.NAME, new Entry("ranked lists -> HFiles -> bulk load under a model version",
        LoadListsJob::new));
    JOBS.put(PublishTool.NAME, new Entry("show the active model, or activate a version (publish, roll back)",
        PublishTool::new));
    JOBS.put(PipelineJob.NAME, new Entry("all of the above from raw partitions to a published model",
        PipelineJob::new));
  }

  private RecoJobs() {
  }

  /** Runs one job; returns its exit code. */
  public static int run(Configuration conf, String[] args) throws Exception {
    if (args.length == 0 || !JOBS.containsKey(args[0])) {
      StringBuilder usage = new StringBuilder(args.length == 0 ? "" : "unknown job '" + args[0] + "'\n")
          .append("usage: hadoop jar reco-jobs.jar <job> [generic options] [--arg value...]\njobs:\n");
      JOBS.forEach((name, entry) -> usage.append(String.format("  %-24s %s%n", name, entry.description())));
      System.err.print(usage);
      return 2;
    }
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    return ToolRunner.run(HBaseConfiguration.create(conf), JOBS.get(args[0]).tool().get(), rest);
  }

  /** Entry point of {@code hadoop jar}. */
  public static void main(String[] args) {
    System.exit(CommandLine.exitCode("reco", () -> run(new Configuration(), args)));
  }
}
