package io.reco.schema;

import io.reco.commands.ExitCodes;
import io.reco.commands.RecoTool;
import java.io.PrintStream;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.ToolRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The admin command: {@code create} makes the cluster match the contract, {@code verify} reports any difference
 * and exits 1, {@code print} prints the contract. Connects with the usual HBase configuration; pass
 * {@code -conf hbase-site.xml} to point it elsewhere.
 */
@Command(name = SchemaTool.NAME, description = "create, verify or print the HBase tables")
public final class SchemaTool extends RecoTool {
  /** Name of the command in {@code hadoop jar} and {@code bin/reco}. */
  public static final String NAME = "schema";

  /** What the tool does. */
  enum Action {
    /** Create or converge the tables (idempotent). */
    create,
    /** Report every difference from the contract; exit 1 if any. */
    verify,
    /** Print the contract; needs no HBase. */
    print
  }

  private final PrintStream out;

  @Parameters(index = "0", paramLabel = "ACTION", description = "create, verify or print.")
  private Action action;

  /** A tool printing to {@code out}. */
  public SchemaTool(PrintStream out) {
    this.out = out;
  }

  @Override
  protected int execute() throws Exception {
    if (action == Action.print) {
      out.print(SchemaAdmin.describe());
      return 0;
    }
    try (Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create(getConf()));
         Admin admin = connection.getAdmin()) {
      SchemaAdmin schema = new SchemaAdmin(admin);
      SchemaAdmin.Report report = action == Action.create ? schema.ensure() : schema.verify();
      report.created().forEach(c -> out.println("created  " + c));
      report.altered().forEach(a -> out.println("altered  " + a));
      report.problems().forEach(p -> out.println("PROBLEM  " + p));
      if (report.ok()) {
        out.println("schema ok: " + RecoTables.ALL.size() + " tables match the contract");
      }
      return report.ok() ? 0 : 1;
    }
  }

  /** Entry point. */
  public static void main(String[] args) {
    ExitCodes.exit(NAME, () -> ToolRunner.run(HBaseConfiguration.create(), new SchemaTool(System.out), args));
  }
}
