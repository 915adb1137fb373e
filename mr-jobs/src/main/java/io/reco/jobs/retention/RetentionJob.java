package io.reco.jobs.retention;

import io.reco.commands.RecoTool;
import io.reco.commands.UsageException;
import io.reco.commands.WorkflowOutput;
import io.reco.records.Settings;
import io.reco.schema.ModelRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Enforces the retention policy ({@link RetentionClass}, limits in {@code reco.retention.*}) over the raw zone and
 * the pipeline's runs: deletes every partition, snapshot and run (or part of a run) past its class's age limit, and
 * lists each with its class, age and bytes; {@code --dry-run} lists the same and deletes nothing. It never deletes
 * what the lineage of a version the registry may still serve names ({@link ServableVersions}), nor what is still
 * being written or still needed ({@link RetentionScan}); it reads the registry first and, when it cannot, deletes
 * nothing and fails.
 *
 * <p>{@code hadoop jar reco-jobs.jar retention --raw /reco/raw --work /reco/work [--as-of 2026-12-03] [--dry-run]}
 */
@Command(name = RetentionJob.NAME, description = "delete data past its age limit; never what a servable model names")
public final class RetentionJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "retention";
  /** How long the job waits for the registry, ms. */
  public static final String REGISTRY_TIMEOUT_MS = "reco.retention.registry-timeout-ms";

  /** Reads what the registry protects. */
  @FunctionalInterface
  public interface Registry {
    /** The protection of the servable versions; {@code key} turns a lineage path into a key. */
    Protection read(Configuration conf, Function<String, String> key) throws IOException;
  }

  @Option(names = "--raw", description = "Root of the raw zone (none: the raw zone is not looked at).")
  private Path raw;
  @Option(names = "--work", description = "The pipeline's work root, holding its runs (none: runs are not looked"
      + " at).")
  private Path work;
  @Option(names = "--as-of", paramLabel = "DATE", description = "The day ages count to, YYYY-MM-DD (default: today,"
      + " UTC).")
  private LocalDate asOf;
  @Option(names = "--dry-run", arity = "0..1", fallbackValue = "true", description = "List what would go; delete"
      + " nothing (--dry-run=false, as a workflow may pass it, deletes).")
  private boolean dryRun;

  private final PrintStream out;
  private final Registry registry;

  /** A job that prints to {@code out} and reads the protected versions through {@code registry}. */
  public RetentionJob(PrintStream out, Registry registry) {
    this.out = out;
    this.registry = registry;
  }

  /** A job that prints to {@code out} and reads the registry in HBase. */
  public RetentionJob(PrintStream out) {
    this(out, RetentionJob::hbaseRegistry);
  }

  /** A job that prints to standard output and reads the registry in HBase. */
  public RetentionJob() {
    this(System.out);
  }

  @Override
  protected int execute() throws Exception {
    if (raw == null && work == null) {
      throw new UsageException(NAME + ": name --raw, --work or both (see --help)");
    }
    Configuration conf = getConf() == null ? Settings.create() : getConf();
    LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
    RetentionReport report = run(conf, raw, work, day, dryRun, registry);
    report.lines().forEach(out::println);
    RetentionReport.Totals totals = report.totals();
    Map<String, String> output = new LinkedHashMap<>();
    output.put("seen", Long.toString(totals.seen()));
    output.put("deleted", Long.toString(totals.deleted()));
    output.put("protected", Long.toString(totals.protectedUnits()));
    output.put("bytes_deleted", Long.toString(totals.bytesDeleted()));
    output.put("dry_run", Boolean.toString(dryRun));
    WorkflowOutput.write(output);
    return 0;
  }

  /**
   * Decides every unit of the raw zone {@code raw} and of the runs under {@code work} (either may be null) as of
   * {@code asOf} and, unless {@code dryRun}, deletes those that go.
   *
   * @throws IllegalStateException when the registry cannot be read: nothing is deleted then
   */
  public static RetentionReport run(Configuration conf, Path raw, Path work, LocalDate asOf, boolean dryRun,
      Registry registry) throws IOException {
    if (raw == null && work == null) {
      throw new IllegalArgumentException(NAME + ": name the raw zone, the work root or both");
    }
    RetentionPolicy policy = policy(conf);
    FileSystem rawFs = raw == null ? null : raw.getFileSystem(conf);
    FileSystem workFs = work == null ? null : work.getFileSystem(conf);
    Protection protection = protection(conf, registry, RetentionScan.lineageKeys(workFs != null ? workFs : rawFs));
    Map<RetentionScan.Found, FileSystem> found = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    if (raw != null) {
      RetentionScan.Scan scan = RetentionScan.raw(rawFs, raw);
      scan.units().forEach(f -> found.put(f, rawFs));
      ignored.addAll(scan.ignored());
    }
    if (work != null) {
      RetentionScan.Scan scan = RetentionScan.runs(workFs, work);
      scan.units().forEach(f -> found.put(f, workFs));
      ignored.addAll(scan.ignored());
    }
    List<Decision> decisions = new ArrayList<>();
    Map<RetentionUnit, RetentionScan.Found> byUnit = new LinkedHashMap<>();
    for (Map.Entry<RetentionScan.Found, FileSystem> entry : found.entrySet()) {
      RetentionScan.Found unit = entry.getKey();
      byUnit.put(unit.unit(), unit);
      decisions.add(policy.decide(unit.unit(), asOf, protection, u -> RetentionScan.size(entry.getValue(), unit)));
    }
    if (!dryRun) {
      // the parts of a run first: the run's own unit then deletes what is left of it
      List<RetentionScan.Found> doomed = decisions.stream().filter(d -> d.verdict() == Verdict.DELETED)
          .map(d -> byUnit.get(d.unit())).sorted(Comparator.comparing(f -> !f.except().isEmpty())).toList();
      for (RetentionScan.Found unit : doomed) {
        RetentionScan.delete(found.get(unit), unit);
      }
    }
    return new RetentionReport(asOf, dryRun, policy, protection, decisions, ignored);
  }

  /** The limits the settings give, each checked. */
  static RetentionPolicy policy(Configuration conf) {
    Map<RetentionClass, Integer> days = new EnumMap<>(RetentionClass.class);
    for (RetentionClass type : RetentionClass.values()) {
      days.put(type, Settings.getInt(conf, type.setting()));
    }
    return new RetentionPolicy(days);
  }

  private static Protection protection(Configuration conf, Registry registry, Function<String, String> key) {
    try {
      return registry.read(conf, key);
    } catch (IOException | RuntimeException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
      throw new IllegalStateException(NAME + ": cannot read the model registry, so nothing was deleted: " + message,
          e);
    }
  }

  /** The registry in HBase, read within {@value #REGISTRY_TIMEOUT_MS}. */
  static Protection hbaseRegistry(Configuration conf, Function<String, String> key) throws IOException {
    try (Connection connection = ConnectionFactory.createConnection(clientConfiguration(conf))) {
      return ServableVersions.read(new ModelRegistry(connection), key);
    }
  }

  /** The HBase client's settings: every wait bounded by {@value #REGISTRY_TIMEOUT_MS}, few retries. */
  static Configuration clientConfiguration(Configuration conf) {
    long timeout = Settings.getLong(conf, REGISTRY_TIMEOUT_MS);
    if (timeout < 1) {
      throw new IllegalArgumentException(REGISTRY_TIMEOUT_MS + " must be 1 or more, was " + timeout);
    }
    Configuration hbase = HBaseConfiguration.create(conf);
    int retries = 2;
    long pause = Math.max(10, timeout / (retries + 2));
    hbase.setLong("hbase.client.operation.timeout", timeout);
    hbase.setLong("hbase.client.meta.operation.timeout", timeout);
    hbase.setLong("hbase.rpc.timeout", timeout);
    hbase.setInt("hbase.client.retries.number", retries);
    hbase.setLong("hbase.client.pause", pause);
    hbase.setInt("zookeeper.recovery.retry", retries);
    hbase.setLong("zookeeper.recovery.retry.intervalmill", pause);
    hbase.setLong("zookeeper.session.timeout", timeout);
    return hbase;
  }
}
