package io.reco.ingest.raw;

import io.reco.commands.RecoTool;
import io.reco.records.Settings;
import io.reco.records.raw.RawZone;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seal --raw <raw zone> --source clickstream|transactions --date YYYY-MM-DD [--flume]}: writes the day's
 * done-flag ({@link PartitionSeal}) once it may; run it every hour, as the coordinators wait for the flag. Exit 0
 * when sealed or still open (it says why), 1 when a file does not match its manifest.
 */
@Command(name = SealTool.NAME, description = "close a day of the raw zone: its done-flag, Flume's files' manifests")
public final class SealTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "seal";
  /** How long after a day's end its partition may still receive files, ms. */
  public static final String LATENESS = "reco.raw.seal-lateness-ms";

  /** The date-partitioned sources of the raw zone. */
  public enum Source {
    /** {@code clickstream/dt=/hour=/}. */
    clickstream,
    /** {@code transactions/dt=/}. */
    transactions
  }

  private final PrintStream out;

  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Option(names = "--source", required = true, description = "The partitions to seal: ${COMPLETION-CANDIDATES}.")
  private Source source;
  @Option(names = "--date", required = true, description = "The day, YYYY-MM-DD.")
  private LocalDate date;
  @Option(names = "--flume", description = "Write the manifests of the closed files a Flume HDFS sink landed.")
  private boolean flume;

  /** A tool that prints to {@code out}. */
  public SealTool(PrintStream out) {
    this.out = out;
  }

  /** A tool that prints to standard output. */
  public SealTool() {
    this(System.out);
  }

  @Override
  protected int execute() throws Exception {
    Configuration conf = getConf() == null ? new Configuration() : getConf();
    FileSystem fs = raw.getFileSystem(conf);
    RawZone zone = new RawZone(fs.makeQualified(raw));
    Path parent = source == Source.clickstream ? zone.clickstream() : zone.transactions();
    PartitionSeal.Result result = PartitionSeal.seal(fs, RawZone.datePartition(parent, date), date, source.name(),
        flume, Duration.ofMillis(Settings.getLong(conf, LATENESS)), Clock.systemUTC());
    result.findings().forEach(out::println);
    out.printf("%s: %s: %d files, %d records%s; %s%n", NAME, result.partition(), result.files(), result.records(),
        result.manifestsWritten() == 0 ? "" : ", " + result.manifestsWritten() + " Flume manifests written",
        result.sealed() ? "sealed (" + PartitionSeal.FLAG + ")" : "not sealed: " + result.why());
    return result.findings().isEmpty() ? 0 : 1;
  }
}
