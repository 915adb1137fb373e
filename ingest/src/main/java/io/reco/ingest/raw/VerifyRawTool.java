package io.reco.ingest.raw;

import io.reco.commands.RecoTool;
import java.io.PrintStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verify-raw --root <raw zone>}: checks every raw data file against its manifest, prints one line per
 * missing, corrupted or orphaned file and a summary, and exits 1 when anything is wrong.
 */
@Command(name = VerifyRawTool.NAME, description = "check every raw file against its manifest")
public final class VerifyRawTool extends RecoTool {
  /** The command name. */
  public static final String NAME = "verify-raw";

  @Option(names = "--root", required = true, description = "Root of the raw zone.")
  private Path root;

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
  protected int execute() throws Exception {
    FileSystem fs = root.getFileSystem(getConf());
    RawVerifier.Report report = RawVerifier.verify(fs, root);
    report.findings().forEach(f -> out.println(f));
    out.println(NAME + ": " + fs.makeQualified(root) + ": " + report.summary());
    return report.ok() ? 0 : 1;
  }
}
