package io.reco.cli;

import io.reco.changes.ChangeCaptureTool;
import io.reco.changes.SnapshotMerge;
import io.reco.commands.CommandCatalog;
import io.reco.commands.ExitCodes;
import io.reco.commands.RecoTool;
import io.reco.hbase.StandaloneHBase;
import io.reco.ingest.clickstream.ClickstreamIngestTool;
import io.reco.ingest.external.ProductMetadataTool;
import io.reco.ingest.importers.ImportTool;
import io.reco.ingest.master.MasterSyncTool;
import io.reco.ingest.raw.SealTool;
import io.reco.ingest.raw.VerifyRawTool;
import io.reco.ingest.transactions.TransactionsIngestTool;
import io.reco.jobs.RecoJobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.evaluate.EvaluateJob;
import io.reco.jobs.models.ModelTool;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.oozie.OozieCommands;
import io.reco.records.Settings;
import io.reco.serving.RecoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The commands of {@code bin/reco} on one machine. Everything runs in this JVM: HBase standalone, jobs on
 * LocalJobRunner, the servlet on Jetty; the data lives under {@code --data} (default {@code var}). The commands that
 * land or validate data are the jobs jar's own tools with the local raw zone {@value #RAW} as their default.
 */
public final class Reco {
  /** The raw zone of the embedded demo. */
  static final String RAW = "var/raw";
  private static final Map<String, String> LOCAL_RAW = Map.of("raw", RAW);

  private Reco() {
  }

  /** Every command of {@code bin/reco}. */
  static CommandCatalog commands() {
    CommandCatalog ingest = new CommandCatalog("usage: bin/reco ingest <source> [options]\nsources:")
        .tool("clickstream", ClickstreamIngestTool::new, LOCAL_RAW)
        .tool("transactions", TransactionsIngestTool::new, LOCAL_RAW)
        .tool("master", MasterSyncTool::new, LOCAL_RAW)
        .tool("product-metadata", ProductMetadataTool::new, LOCAL_RAW)
        .tool("merge-changes", SnapshotMerge::new, LOCAL_RAW)
        .add("changes", new ChangeCaptureTool().description() + " (the running HBase)", (conf, args) ->
            new CommandCatalog("").tool("changes", ChangeCaptureTool::new, LOCAL_RAW)
                .run(needsNoHBase(args) ? conf : withHBase(conf, Path.of("var")), prepend("changes", args)));
    return new CommandCatalog("usage: bin/reco <command> [generic options: -D key=value, -conf file] [options]"
        + "\ncommands:")
        .tool(Demo::new)
        .tool(HBaseCommand::new)
        .add("jobs", "run a job of the jobs jar (none: list them) on LocalJobRunner against the running HBase",
            (conf, args) -> RecoJobs.run(needsNoHBase(args) ? conf : localConf(Path.of("var")), args))
        .tool(ServeCommand::new)
        .add("oozie", "deploy the Oozie application to HDFS; run, status and kill its jobs on an Oozie server",
            (conf, args) -> OozieCommands.catalog().run(Settings.create(), args))
        .add(ModelTool.NAME, "the model registry in the running HBase: list, show, promote, rollback, gc",
            (conf, args) -> RecoJobs.run(needsNoHBase(args) ? conf : localConf(Path.of("var")),
                prepend(ModelTool.NAME, args)))
        .add("ingest", "land data in the raw zone (default --raw " + RAW + "), each file with its manifest",
            (conf, args) -> ingest.run(conf, args))
        .tool(ImportTool::new, LOCAL_RAW)
        .tool(VerifyRawTool::new, Map.of("root", RAW))
        .tool(SealTool::new, LOCAL_RAW)
        .tool(EvaluateJob::new, Map.of("work", "var/evaluate"))
        .tool("validate", BronzeToSilverTool::new, Map.of("raw", RAW,
            "output", "var/runs/" + BronzeToSilverTool.runName(Instant.now())));
  }

  /** Listing the jobs, or asking one for its help, needs no running HBase. */
  private static boolean needsNoHBase(String[] args) {
    return args.length == 0 || Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help");
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** Entry point. */
  public static void main(String[] args) {
    ExitCodes.exit("reco", () -> commands().run(noHBaseConf(), args));
  }

  /** LocalJobRunner settings plus the client settings of the standalone HBase running over {@code data}. */
  static Configuration localConf(Path data) {
    return withHBase(LocalJobs.configure(Settings.create(), data.resolve("tmp")), data);
  }

  /** {@code conf} plus the client settings file of the standalone HBase running over {@code data}. */
  static Configuration withHBase(Configuration conf, Path data) {
    Path site = data.resolve("hbase").resolve(StandaloneHBase.SITE_FILE);
    if (!Files.isRegularFile(site)) {
      throw new IllegalStateException("no HBase is running over " + data.resolve("hbase")
          + " (no " + site + "); start one with 'bin/reco hbase' or 'bin/reco demo'");
    }
    conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
    return conf;
  }

  /** Settings for commands that touch only files: local file system and LocalJobRunner. */
  static Configuration noHBaseConf() {
    return LocalJobs.configure(Settings.create(), Path.of("var", "tmp"));
  }

  /** {@code bin/reco hbase}: the standalone HBase over {@code <data>/hbase} until Ctrl-C. */
  @Command(name = "hbase", description = "run the standalone HBase until Ctrl-C; other commands connect to it")
  static final class HBaseCommand extends RecoTool {
    @Option(names = "--data", defaultValue = "var", description = "Directory of the demo's data.")
    private Path data;

    @Override
    protected int execute() throws Exception {
      StandaloneHBase.main(new String[] {data.resolve("hbase").toString()});
      return 0;
    }
  }

  /** {@code bin/reco serve}: the servlet against the running standalone HBase. */
  @Command(name = "serve", description = "serve recommendations from the running HBase until Ctrl-C")
  static final class ServeCommand extends RecoTool {
    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on.")
    private int port;
    @Option(names = "--data", defaultValue = "var", description = "Directory of the demo's data.")
    private Path data;

    @Override
    protected int execute() throws Exception {
      RecoServer.serve(withHBase(new Configuration(getConf()), data), "0.0.0.0", port);
      return 0;
    }
  }
}
