package io.reco.ingest.importers;

import io.reco.commands.RecoTool;
import io.reco.records.Settings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import --dataset rees46|online-retail|retailrocket|movielens --input <file> [--items <file>[,<file>]]
 * --raw <raw zone root>}: imports a public dataset into the raw zone (events by hour, Online Retail's cancelled
 * orders, the catalog snapshot, rejected rows in the quarantine) and prints one summary line. {@code --items} takes
 * RetailRocket's item properties (both parts, comma-separated) or MovieLens' movies file. Importing the same input
 * again replaces its files. Fails with one line when an input is not what the dataset expects or the counts do not
 * reconcile. Tunables, as {@code -D} options:
 * <ul>
 *   <li>{@value #MAX_OPEN_FILES}: output files open at a time;</li>
 *   <li>{@value #SESSION_GAP_MINUTES}: inactivity that ends a derived session;</li>
 *   <li>{@value #PURCHASE_RATING}: the MovieLens rating from which a rating is a purchase.</li>
 * </ul>
 */
@Command(name = ImportTool.NAME,
    description = "REES46, Online Retail, RetailRocket or MovieLens -> canonical raw zone")
public final class ImportTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "import";

  /** The most output files open at a time. */
  public static final String MAX_OPEN_FILES = "reco.import.max-open-files";

  /** Minutes of inactivity that end a derived session. */
  public static final String SESSION_GAP_MINUTES = "reco.import.session-gap-minutes";

  /** The MovieLens rating from which a rating counts as a purchase. */
  public static final String PURCHASE_RATING = "reco.import.movielens.purchase-rating";

  private final PrintStream out;
  private final Clock clock;

  @Option(names = "--dataset", required = true, description = "rees46, online-retail, retailrocket or movielens.")
  private Dataset dataset;
  @Option(names = "--input", required = true, description = "The dataset's events file.")
  private Path input;
  @Option(names = "--items", split = ",", description = "Item files, comma-separated (RetailRocket properties, "
      + "MovieLens movies).")
  private List<Path> itemFiles = List.of();
  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;

  /** A tool that prints to {@code out} and dates its output by {@code clock}. */
  public ImportTool(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** A tool that prints to standard output. */
  public ImportTool() {
    this(System.out, Clock.systemUTC());
  }

  @Override
  protected int execute() throws Exception {
    Configuration conf = getConf() == null ? new Configuration() : getConf();
    ImportSettings settings = settings(conf);
    ImportReport report;
    try {
      report = new ImportRun(conf, settings, clock).run(dataset, input, itemFiles, raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
    }
    out.println(report.summary());
    return 0;
  }

  /** The settings in {@code conf}, defaults where unset; the error names the key. */
  public static ImportSettings settings(Configuration conf) {
    int maxOpen = Settings.getInt(conf, MAX_OPEN_FILES);
    long gapMinutes = Settings.getLong(conf, SESSION_GAP_MINUTES);
    float purchaseRating = (float) Settings.getDouble(conf, PURCHASE_RATING);
    if (maxOpen < 1) {
      throw new IllegalArgumentException(NAME + ": -D" + MAX_OPEN_FILES + " must be at least 1, was " + maxOpen);
    }
    if (gapMinutes < 1) {
      throw new IllegalArgumentException(NAME + ": -D" + SESSION_GAP_MINUTES + " must be at least 1, was "
          + gapMinutes);
    }
    if (!(purchaseRating >= MovieLensRatings.MIN_RATING && purchaseRating <= MovieLensRatings.MAX_RATING)) {
      throw new IllegalArgumentException(NAME + ": -D" + PURCHASE_RATING + " must lie in 0.5 .. 5, was "
          + purchaseRating);
    }
    return new ImportSettings(maxOpen, Duration.ofMinutes(gapMinutes), purchaseRating);
  }
}
