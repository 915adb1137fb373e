package io.reco.ingest.importers;

import io.reco.commands.RecoTool;
import io.reco.commands.UsageException;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import --dataset rees46|online-retail|retailrocket|movielens|sessions --input <file> [--items <file>[,<file>]]
 * --raw <raw zone root>}: imports a public dataset into the raw zone (events by hour, Online Retail's cancelled
 * orders, the catalog snapshot, rejected rows in the quarantine) and prints one summary line. {@code --items} takes
 * RetailRocket's item properties (both parts, comma-separated) or MovieLens' movies file. Importing the same input
 * again replaces its files. Fails with one line when an input is not what the dataset expects or the counts do not
 * reconcile. Tunables, as {@code -D} options:
 * <ul>
 *   <li>{@value #MAX_OPEN_FILES}: output files open at a time;</li>
 *   <li>{@value #SESSION_GAP_MINUTES}: inactivity that ends a derived session;</li>
 *   <li>{@value #PURCHASE_RATING}: the MovieLens rating from which a rating is a purchase;</li>
 *   <li>{@value #MAX_REJECT_RATE}: the share of rejected rows above which the import exits 1.</li>
 * </ul>
 * {@code --encoding} names the CSV inputs' character set (default UTF-8; {@code latin-1} for Online Retail's
 * export); text that is not valid in it fails the import with the file and line, never becomes U+FFFD.
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

  /** The share of an input's rows that may be rejected before the import fails. */
  public static final String MAX_REJECT_RATE = "reco.import.max-reject-rate";

  private final PrintStream out;
  private final Clock clock;

  @Option(names = "--dataset", required = true, description = "rees46, online-retail, retailrocket, movielens or sessions (a session click log).")
  private Dataset dataset;
  @Option(names = "--input", required = true, description = "The dataset's events file.")
  private Path input;
  @Option(names = "--items", split = ",", description = "Item files, comma-separated (RetailRocket properties, "
      + "MovieLens movies).")
  private List<Path> itemFiles = List.of();
  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Option(names = "--encoding", defaultValue = "UTF-8",
      description = "Character set of CSV inputs: UTF-8, latin-1 (ISO-8859-1), windows-1252 or any Java name.")
  private String encoding;

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
    double maxRejectRate = maxRejectRate(conf);
    Charset charset = charset(encoding);
    ImportReport report;
    try {
      report = new ImportRun(conf, settings, clock).withEncoding(charset).run(dataset, input, itemFiles, raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
    }
    out.println(report.summary());
    double rate = report.rowsRead() == 0 ? 0 : (double) report.rejected() / report.rowsRead();
    if (rate > maxRejectRate) {
      String reasons = report.rejectsByReason().entrySet().stream()
          .sorted(Map.Entry.<RejectReason, Long>comparingByValue().reversed()).limit(3)
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
      throw new IllegalStateException(String.format(Locale.ROOT, "%s: %s rejected %.1f%% of its rows (%d of %d), "
          + "above -D%s=%s; top reasons: %s; the rejects are in the quarantine", NAME, input.getName(), rate * 100,
          report.rejected(), report.rowsRead(), MAX_REJECT_RATE, maxRejectRate, reasons));
    }
    return 0;
  }

  /** The reject share above which an import fails; the error names the key. */
  static double maxRejectRate(Configuration conf) {
    double rate = Settings.getDouble(conf, MAX_REJECT_RATE);
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(NAME + ": -D" + MAX_REJECT_RATE + " must lie in 0 .. 1, was " + rate);
    }
    return rate;
  }

  /** The character set {@code --encoding} names; {@code latin-1} is ISO-8859-1. */
  static Charset charset(String name) {
    String normal = name.trim().equalsIgnoreCase("latin-1") ? "ISO-8859-1" : name.trim();
    try {
      return Charset.forName(normal);
    } catch (IllegalArgumentException e) {
      throw new UsageException(NAME + ": unknown --encoding '" + name + "' (UTF-8, latin-1, windows-1252 or any "
          + "Java charset name)");
    }
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
