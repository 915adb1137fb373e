package io.reco.jobs;

import io.reco.commands.CommandCatalog;
import io.reco.commands.ExitCodes;
import io.reco.ingest.clickstream.ClickstreamIngestTool;
import io.reco.ingest.external.ProductMetadataTool;
import io.reco.ingest.importers.ImportTool;
import io.reco.ingest.master.MasterSyncTool;
import io.reco.ingest.raw.SealTool;
import io.reco.ingest.raw.VerifyRawTool;
import io.reco.ingest.transactions.TransactionsIngestTool;
import io.reco.jobs.clean.CleanJob;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.content.ContentNeighboursJob;
import io.reco.jobs.cross.CrossOccurrenceJob;
import io.reco.jobs.ease.EaseJob;
import io.reco.jobs.evaluate.EvaluateJob;
import io.reco.jobs.features.ItemFeaturesJob;
import io.reco.jobs.feedback.FeedbackJob;
import io.reco.jobs.generate.GenerateTool;
import io.reco.jobs.indicators.IndicatorsJob;
import io.reco.jobs.interactions.InteractionsJob;
import io.reco.jobs.load.LoadListsJob;
import io.reco.jobs.models.ModelTool;
import io.reco.jobs.orders.OrdersJob;
import io.reco.jobs.pipeline.PipelineJob;
import io.reco.jobs.popularity.PopularityJob;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.jobs.recent.UserRecentJob;
import io.reco.jobs.references.ReferencesJob;
import io.reco.jobs.retention.RetentionJob;
import io.reco.jobs.sequence.SequenceJob;
import io.reco.jobs.sessions.SessionsJob;
import io.reco.jobs.similarity.SimilarItemsJob;
import io.reco.jobs.together.BoughtTogetherJob;
import io.reco.jobs.toppicks.TopPicksJob;
import io.reco.jobs.training.TrainingExportJob;
import io.reco.jobs.validate.ValidateJob;
import io.reco.records.Settings;
import io.reco.schema.SchemaTool;
import org.apache.hadoop.conf.Configuration;

/**
 * The one entry point of the jobs jar: {@code hadoop jar reco-jobs.jar <job> [-D key=value...] [--option value...]}.
 * Lists the jobs when called without one or with {@code --help}; every job takes {@code --help}.
 */
public final class RecoJobs {
  /** Every job and tool of the jar, in the order data flows. */
  public static final CommandCatalog JOBS = new CommandCatalog(
      "usage: hadoop jar reco-jobs.jar <job> [generic options: -D key=value, -conf file, -fs uri] [options]\njobs:")
      .tool(() -> new SchemaTool(System.out))
      .tool(ClickstreamIngestTool::new)
      .tool(TransactionsIngestTool::new)
      .tool(MasterSyncTool::new)
      .tool(ProductMetadataTool::new)
      .tool(ImportTool::new)
      .tool(VerifyRawTool::new)
      .tool(SealTool::new)
      .tool(GenerateTool::new)
      .tool(ValidateJob::new)
      .tool(OrdersJob::new)
      .tool(CleanJob::new)
      .tool(ReferencesJob::new)
      .tool(BronzeToSilverTool::new)
      .tool(InteractionsJob::new)
      .tool(SessionsJob::new)
      .tool(ItemFeaturesJob::new)
      .tool(TrainingExportJob::new)
      .tool(SimilarItemsJob::new)
      .tool(CrossOccurrenceJob::new)
      .tool(SequenceJob::new)
      .tool(EaseJob::new)
      .tool(IndicatorsJob::new)
      .tool(EvaluateJob::new)
      .tool(PopularityJob::new)
      .tool(BoughtTogetherJob::new)
      .tool(ContentNeighboursJob::new)
      .tool(UserRecentJob::new)
      .tool(TopPicksJob::new)
      .tool(FeedbackJob::new)
      .tool(LoadListsJob::new)
      .tool(PipelineJob::new)
      .tool(ModelTool::new)
      .tool(RetentionJob::new);

  private RecoJobs() {
  }

  /** Runs one job with HBase's settings added to {@code conf}; returns its exit code. */
  public static int run(Configuration conf, String[] args) throws Exception {
    return JOBS.run(Jobs.withHBase(conf), args);
  }

  /** The system property Oozie's launcher sets to the file of the java action's configuration. */
  static final String OOZIE_ACTION_CONF = "oozie.action.conf.xml";

  /**
   * Entry point of {@code hadoop jar} and of Oozie's java action. Under Oozie the action's configuration - the
   * workflow's name node and resource manager, its {@code <configuration>} (any {@code reco.*} setting among it) and
   * the tags by which Oozie kills the jobs of a killed action - is read over the node's own settings.
   */
  public static void main(String[] args) {
    ExitCodes.exit("reco", () -> {
      Configuration conf = Settings.create();
      String action = System.getProperty(OOZIE_ACTION_CONF);
      if (action != null && !action.isBlank()) {
        conf.addResource(new org.apache.hadoop.fs.Path(java.nio.file.Path.of(action).toAbsolutePath().toUri()));
      }
      return run(conf, args);
    });
  }
}
