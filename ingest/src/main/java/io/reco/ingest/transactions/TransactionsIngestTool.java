package io.reco.ingest.transactions;

import io.reco.ingest.common.Args;
import io.reco.ingest.raw.RawZone;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code ingest-transactions --landing <dir> --raw <raw zone> --archive <dir>}: ingests every new order and
 * order-item CSV file of the landing directory ({@link TransactionsLanding}) and prints one line per file.
 */
public final class TransactionsIngestTool extends Configured implements Tool {
  /** The command name. */
  public static final String NAME = "ingest-transactions";

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
  public int run(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, Args.names("landing", "raw", "archive"));
    Path landing = new Path(args.required("landing"));
    Path raw = new Path(args.required("raw"));
    FileSystem fs = raw.getFileSystem(getConf());
    TransactionsLanding ingest = new TransactionsLanding(fs, new RawZone(fs.makeQualified(raw)),
        fs.makeQualified(new Path(args.required("archive"))), Clock.systemUTC());
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
