package io.reco.jobs.models;

import io.reco.commands.ExitCodes;
import io.reco.commands.RecoTool;
import io.reco.commands.UsageException;
import io.reco.jobs.common.Jobs;
import io.reco.records.Settings;
import io.reco.schema.GcReport;
import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import io.reco.schema.Promotion;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The operator's view of the model registry in HBase ({@link ModelRegistry}):
 * <ul>
 *   <li>{@code model list}: every version, newest first, one line each; {@code *} marks the served one.</li>
 *   <li>{@code model show [VERSION]}: a version's status, lineage, metrics and stats (default the active one).</li>
 *   <li>{@code model promote VERSION [--force]}: serve it if it beats the active version on
 *       {@value #PROMOTE_METRIC} by {@value #PROMOTE_MARGIN}; prints the decision, exit 1 when refused.</li>
 *   <li>{@code model rollback}: serve again the version active before the current one.</li>
 *   <li>{@code model gc [--dry-run] [--keep N] [--candidates]}: delete old versions' cells from the model tables,
 *       never the active version nor its predecessor.</li>
 * </ul>
 */
@Command(name = ModelTool.NAME, description = "the model registry: list, show, promote, rollback, gc",
    subcommands = {ModelTool.ListVersions.class, ModelTool.Show.class, ModelTool.Promote.class,
        ModelTool.Rollback.class, ModelTool.Gc.class})
public final class ModelTool extends RecoTool {
  /** Name in the job driver and {@code bin/reco}. */
  public static final String NAME = "model";
  /** The lineage metric a candidate is judged by. */
  public static final String PROMOTE_METRIC = "reco.models.promote-metric";
  /** How much better, as a fraction, a candidate must be. */
  public static final String PROMOTE_MARGIN = "reco.models.promote-margin";
  /** How many of the newest published versions gc keeps. */
  public static final String KEEP = "reco.models.keep";

  private final PrintStream out;
  @Spec
  private CommandSpec spec;

  /** A tool printing to standard output. */
  public ModelTool() {
    this(System.out);
  }

  /** A tool printing to {@code out}. */
  public ModelTool(PrintStream out) {
    this.out = out;
  }

  @Override
  protected int execute() throws Exception {
    ParseResult sub = spec.commandLine().getParseResult().subcommand();
    if (sub == null) {
      throw new UsageException(name() + ": name what to do: list, show, promote, rollback or gc (see --help)");
    }
    if (sub.isUsageHelpRequested()) {
      sub.commandSpec().commandLine().usage(helpStream());
      return 0;
    }
    Action action = (Action) sub.commandSpec().userObject();
    Configuration conf = Jobs.withHBase(getConf());
    try (Connection connection = ConnectionFactory.createConnection(conf)) {
      return action.run(new ModelRegistry(connection), conf, out);
    }
  }

  /** One subcommand: its work against the registry. */
  abstract static class Action {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean helpRequested;

    abstract int run(ModelRegistry registry, Configuration conf, PrintStream out) throws IOException;
  }

  /** {@code model list}. */
  @Command(name = "list", description = "every version, newest first; * marks the active one")
  static final class ListVersions extends Action {
    @Override
    int run(ModelRegistry registry, Configuration conf, PrintStream out) throws IOException {
      print(out, ModelText.listing(registry.list(), Settings.get(conf, PROMOTE_METRIC)));
      return 0;
    }
  }

  /** {@code model show [VERSION]}. */
  @Command(name = "show", description = "a version's status, lineage, metrics and stats")
  static final class Show extends Action {
    @Parameters(arity = "0..1", paramLabel = "VERSION", description = "The version; none shows the active one.")
    private String version;

    @Override
    int run(ModelRegistry registry, Configuration conf, PrintStream out) throws IOException {
      String shown = version;
      if (shown == null) {
        shown = registry.activeVersion().orElse(null);
        if (shown == null) {
          out.println("no model is active yet");
          return 0;
        }
      }
      String asked = shown;
      ModelInfo info = registry.describe(asked).orElseThrow(() ->
          new IllegalArgumentException("model version " + asked + " is not registered"));
      print(out, ModelText.details(info));
      return 0;
    }
  }

  /** {@code model promote VERSION [--force]}. */
  @Command(name = "promote", description = "serve a version if it beats the active one by the margin; exit 1 if not")
  static final class Promote extends Action {
    @Parameters(index = "0", paramLabel = "VERSION", description = "The candidate.")
    private String version;
    @Option(names = "--force", description = "Serve it whatever its metric.")
    private boolean force;

    @Override
    int run(ModelRegistry registry, Configuration conf, PrintStream out) throws IOException {
      double margin = Settings.getDouble(conf, PROMOTE_MARGIN);
      if (margin < 0) {
        throw new IllegalArgumentException(PROMOTE_MARGIN + " must be 0 or more, was " + margin);
      }
      Promotion promotion = registry.promote(ModelRegistry.checkVersion(version), Settings.get(conf,
          PROMOTE_METRIC), margin, force);
      out.println((promotion.promoted() ? "promoted " : "not promoted ") + version + ": " + promotion.reason());
      return promotion.promoted() ? 0 : ExitCodes.FAILURE;
    }
  }

  /** {@code model rollback}. */
  @Command(name = "rollback", description = "serve again the version that was active before the current one")
  static final class Rollback extends Action {
    @Override
    int run(ModelRegistry registry, Configuration conf, PrintStream out) throws IOException {
      out.println(registry.rollback().reason());
      return 0;
    }
  }

  /** {@code model gc [--dry-run] [--keep N] [--candidates]}. */
  @Command(name = "gc", description = "delete old versions' cells; never the active one or its predecessor")
  static final class Gc extends Action {
    @Option(names = "--dry-run", description = "List what would go; delete nothing.")
    private boolean dryRun;
    @Option(names = "--keep", paramLabel = "N", description = "Newest published versions to keep (default: the "
        + "setting " + KEEP + ").")
    private Integer keep;
    @Option(names = "--candidates", description = "Also delete versions newer than the active one never served.")
    private boolean candidates;

    @Override
    int run(ModelRegistry registry, Configuration conf, PrintStream out) throws IOException {
      int kept = keep != null ? keep : Settings.getInt(conf, KEEP);
      if (kept < 0) {
        throw new UsageException("gc: --keep must be 0 or more, was " + kept);
      }
      GcReport report = registry.gc(kept, candidates, dryRun);
      print(out, ModelText.gc(report));
      return 0;
    }
  }

  private static void print(PrintStream out, List<String> lines) {
    lines.forEach(out::println);
  }
}
