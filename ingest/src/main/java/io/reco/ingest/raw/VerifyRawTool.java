package io.reco.ingest.raw;

import io.reco.ingest.common.Args;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;

/**
 * {@code verify-raw --root <raw zone>}: checks every raw data file against its manifest, prints one line per
 * missing, corrupted or orphaned file and a summary, and exits 1 when anything is wrong.
 */
public final class VerifyRawTool extends Configured implements Tool {
  /** The command name. */
  public static final String NAME = "verify-raw";

  private final PrintStream out;

  /** A tool that prints to {@code out}. */
  public VerifyRawTool(PrintStream out) {
    this.out = out;
  }

  /** A tool that prints to standard output. */
  public VerifyRawTool() {
    this(System.out);
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, Args.names("root"));
    Path root = new Path(args.required("root"));
    FileSystem fs = root.getFileSystem(getConf());
    RawVerifier.Report report = RawVerifier.verify(fs, root);
    report.findings().forEach(f -> out.println(f));
    out.println(NAME + ": " + fs.makeQualified(root) + ": " + report.summary());
    return report.ok() ? 0 : 1;
  }
}
