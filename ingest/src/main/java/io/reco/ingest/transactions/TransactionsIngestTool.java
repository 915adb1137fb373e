package io.reco.ingest.transactions;

import io.reco.commands.RecoTool;
import io.reco.records.raw.RawZone;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ingest-transactions --landing <dir> --raw <raw zone> --archive <dir>}: ingests every new order and
 * order-item CSV file of the landing directory ({@link TransactionsLanding}) and prints one line per file.
 */
@Command(name = TransactionsIngestTool.NAME,
    description = "landing/ order CSV files -> raw zone by date, then archive")
public final class TransactionsIngestTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "ingest-transactions";

  @Option(names = "--landing", required = true, description = "Directory the shop delivers CSV files to.")
  private Path landing;
  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Option(names = "--archive", required = true, description = "Where ingested files move, by date.")
  private Path archive;

  private final PrintStream out;

  /** A tool that prints to {@code out}. */
  public TransactionsIngestTool(PrintStream out) {
    this.out = out;
  }

  /** A tool that prints to standard output. */
  public TransactionsIngestTool() {
    this(System.out);
  }

  @Override
  protected int execute() throws Exception {
    FileSystem fs = raw.getFileSystem(getConf());
    TransactionsLanding ingest = new TransactionsLanding(fs, new RawZone(fs.makeQualified(raw)),
        fs.makeQualified(archive), Clock.systemUTC());
    List<TransactionsLanding.FileReport> reports = ingest.ingest(fs.makeQualified(landing));
    reports.forEach(r -> out.println(NAME + ": " + r));
    long rows = reports.stream().mapToLong(TransactionsLanding.FileReport::rows).sum();
    long written = reports.stream().mapToLong(TransactionsLanding.FileReport::written).sum();
    long quarantined = reports.stream().mapToLong(TransactionsLanding.FileReport::quarantined).sum();
    out.printf("%s: %d files, %d rows: %d written, %d quarantined%n", NAME, reports.size(), rows, written,
        quarantined);
    return 0;
  }
}
