package io.reco.schema;

import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The admin command: {@code create} makes the cluster match the contract, {@code verify} reports any difference
 * and exits 1, {@code print} prints the contract. Connects with the usual HBase configuration; pass
 * {@code -conf hbase-site.xml} to point it elsewhere.
 */
public final class SchemaTool extends Configured implements Tool {
  /** Name of the command in {@code hadoop jar} and {@code bin/reco}. */
  public static final String NAME = "schema";
  private static final String USAGE = "usage: schema [-conf hbase-site.xml] create|verify|print";

  private final PrintStream out;

  /** A tool printing to {@code out}. */
  public SchemaTool(PrintStream out) {
    this.out = out;
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException(USAGE);
    }
    String command = args[0];
    if ("print".equals(command)) {
      out.print(SchemaAdmin.describe());
      return 0;
    }
    if (!"create".equals(command) && !"verify".equals(command)) {
      throw new IllegalArgumentException("unknown schema command '" + command + "'; " + USAGE);
    }
    try (Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create(getConf()));
         Admin admin = connection.getAdmin()) {
      SchemaAdmin schema = new SchemaAdmin(admin);
      SchemaAdmin.Report report = "create".equals(command) ? schema.ensure() : schema.verify();
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
  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    int code;
    try {
      code = ToolRunner.run(conf, new SchemaTool(System.out), args);
    } catch (IllegalArgumentException e) {
      System.err.println("schema: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }
}
