package io.reco.jobs.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.commands.DateRange;
import io.reco.commands.RecoTool;
import io.reco.commands.WorkflowOutput;
import io.reco.jobs.clean.CleanJob;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.RawInventory;
import io.reco.jobs.orders.OrdersJob;
import io.reco.jobs.references.Reference;
import io.reco.jobs.references.ReferencesJob;
import io.reco.jobs.common.RawFileVerdicts;
import io.reco.jobs.validate.ValidateJob;
import io.reco.quality.Check;
import io.reco.quality.Count;
import io.reco.quality.QualityAssessment;
import io.reco.quality.QualityReport;
import io.reco.quality.QualityThresholds;
import io.reco.quality.RawFile;
import io.reco.quality.RejectExample;
import io.reco.quality.Rejects;
import io.reco.quality.Removal;
import io.reco.quality.ReportFormat;
import io.reco.quality.RunFacts;
import io.reco.quality.SourceVolume;
import io.reco.quality.Stage;
import io.reco.quality.StageName;
import io.reco.quality.Status;
import io.reco.records.EventRules;
import io.reco.records.RejectReason;
import io.reco.records.Settings;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.Quarantine;
import io.reco.records.raw.RawZone;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Bronze to silver as one run over a date range of the raw zone: {@code validate} (schema and rules, map-only),
 * {@code clean} (per user: one event per event_id, bots, near duplicates), a {@code references} join for each
 * master snapshot present (products in the catalog, users among the customers), {@code validate-orders} over the
 * transactions of the range, then the
 * data quality report in {@code <output>/report/} as JSON, HTML and PDF, judged against {@link QualityThresholds}
 * and the reports of earlier runs in {@code --history} (default: the output's parent directory). The clean
 * clickstream ends in {@code <output>/silver/clickstream/}, the orders in {@code <output>/silver/orders/}.
 * Exits 1 when a check fails, so a schedule stops before bad data reaches a model.
 *
 * <p>{@code hadoop jar reco-jobs.jar bronze-to-silver --raw /reco/raw --from 2026-11-01 --to 2026-11-07
 * --output /reco/runs/validate-20261108}
 */
@Command(name = BronzeToSilverTool.NAME, description = "all validation jobs over a date range, quality report, checks")
public final class BronzeToSilverTool extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "bronze-to-silver";
  /** The report's directory under the run's output. */
  public static final String REPORT = "report";
  /** The clean clickstream's directory under the run's output. */
  public static final String SILVER = "silver/clickstream";
  /** The directory of the master snapshots in silver, under the run's output. */
  public static final String SILVER_MASTERS = "silver";
  /** The clean orders' directory under the run's output. */
  public static final String SILVER_ORDERS = "silver/orders";
  /** The output's directory of the service's impressions, Avro by date, which the feedback job reads. */
  public static final String SILVER_IMPRESSIONS = "silver/impressions";
  /** The validate job's directory under the run's output. */
  public static final String VALIDATED = "validated";
  /** The clean job's directory under the run's output. */
  public static final String CLEANED = "clean";
  /** The validate-orders job's directory under the run's output. */
  public static final String ORDERS = "orders";
  /** The source name of transactions in reports. */
  public static final String TRANSACTIONS = "transactions";
  /** Quarantine lines read at most to find examples of one reason. */
  private static final int EXAMPLE_SCAN_LINES = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;

  /** A tool that prints to standard output. */
  public BronzeToSilverTool() {
    this(System.out);
  }

  /** A tool that prints its progress and checks to {@code out}. */
  public BronzeToSilverTool(PrintStream out) {
    this.out = out;
  }

  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Mixin
  private DateRange days;
  @Option(names = "--output", required = true, description = "The run's directory (must not exist).")
  private Path output;
  @Option(names = "--history", description = "Where earlier runs are found (default: the parent of --output).")
  private Path history;
  @Option(names = "--verdict-only", description = "Exit 0 even when a check fails: a workflow routes on the verdict"
      + " (its action data: status, output, report).")
  private boolean verdictOnly;

  @Override
  protected int execute() throws Exception {
    Path earlier = history != null ? history : output.getParent() == null ? new Path(".") : output.getParent();
    QualityReport report = run(getConf(), raw, days.from(), days.to(), output, earlier);
    FileSystem fs = output.getFileSystem(getConf());
    WorkflowOutput.write(Map.of("status", report.status().name(), "output", fs.makeQualified(output).toString(),
        "report", fs.makeQualified(new Path(new Path(output, REPORT), ReportFormat.HTML.fileName())).toString()));
    return report.status() == Status.FAIL && !verdictOnly ? 1 : 0;
  }

  /** Runs the jobs, writes the report and prints its checks; returns the report. */
  public QualityReport run(Configuration base, Path raw, LocalDate from, LocalDate to, Path output, Path history)
      throws IOException, InterruptedException {
    Configuration conf = new Configuration(base);
    Instant now = Instant.ofEpochMilli(EventRules.clock(conf));
    conf.setLong(EventRules.NOW, now.toEpochMilli());
    QualityThresholds limits = thresholds(conf);
    ReferencesJob.keepsUnknown(conf, Reference.USER);
    FileSystem fs = output.getFileSystem(conf);
    if (fs.exists(output)) {
      throw new IllegalArgumentException(NAME + ": output " + output + " exists; every run writes a new directory");
    }
    RawZone zone = new RawZone(raw);
    FileSystem rawFs = raw.getFileSystem(conf);
    RawInventory inventory = RawInventory.of(rawFs, zone.clickstream(), from, to);
    List<Path> hours = inventory.partitions();
    List<Stage> stages = new ArrayList<>();
    List<Rejects> rejects = new ArrayList<>();

    Path validated = new Path(output, VALIDATED);
    ValidateJob.Result v = ValidateJob.check(Jobs.run(ValidateJob.createJob(conf, hours, validated)));
    ValidateJob.print(out, v);
    List<Count> validateRemoved = new ArrayList<>(List.of(Removal.QUARANTINED.count(v.quarantined()),
        Removal.IN_REJECTED_FILES.count(v.linesInRejectedFiles())));
    if (v.impressions() > 0) {
      validateRemoved.add(Removal.IMPRESSIONS.count(v.impressions()));
    }
    stages.add(StageName.VALIDATE.stage(EventProfiler.SOURCE, v.linesRead(), v.valid(), validateRemoved));
    List<RawFile> files = new ArrayList<>(rawFiles(fs, EventProfiler.SOURCE, new Path(validated, ValidateJob.FILES),
        inventory));
    RunFacts.SourceFacts clickstream = EventProfiler.facts(readProfiles(fs, new Path(validated, ValidateJob.PROFILE)));
    rejects.addAll(clickstream.rejects());

    Path cleaned = new Path(output, CLEANED);
    fs.mkdirs(new Path(validated, "silver")); // every file rejected, no events: clean reads none
    CleanJob.Result c = CleanJob.run(conf, new Path(validated, "silver"), cleaned);
    CleanJob.print(out, c);
    stages.add(StageName.CLEAN.stage(EventProfiler.SOURCE, c.read(), c.clean(), List.of(
        Removal.DUPLICATES.count(c.duplicates()), Removal.CONFLICTS.count(c.conflicts()),
        Removal.NEAR_DUPLICATES.count(c.nearDuplicates()),
        Removal.BOTS.count(c.botEvents()))));
    rejects.add(fromOutput(fs, EventProfiler.SOURCE, RejectReason.DUPLICATE_ID.name(), c.duplicates(), "event_id",
        new Path(cleaned, CleanJob.DUPLICATES)));
    rejects.add(fromOutput(fs, EventProfiler.SOURCE, RejectReason.CONFLICTING_ID.name(), c.conflicts(), "event_id",
        new Path(cleaned, CleanJob.CONFLICTS)));
    rejects.add(fromOutput(fs, EventProfiler.SOURCE, RejectReason.NEAR_DUPLICATE.name(), c.nearDuplicates(), null,
        new Path(cleaned, CleanJob.NEAR_DUPLICATES_DIR)));
    rejects.add(fromOutput(fs, EventProfiler.SOURCE, RejectReason.BOT.name(), c.botEvents(), null,
        new Path(cleaned, CleanJob.BOTS)));

    Path silver = new Path(cleaned, "silver");
    long clean = c.clean();
    long unknown = 0;
    List<RunFacts.ReferenceCheck> references = new ArrayList<>();
    List<SourceVolume> sources = new ArrayList<>();
    for (Reference reference : Reference.values()) {
      Path master = ReferencesJob.latestSnapshot(rawFs, raw, reference);
      if (master == null) {
        references.add(new RunFacts.ReferenceCheck(reference.eventField(), reference.entity(), false, clean, 0, 0));
        out.printf("%s: no %s snapshot: %s not checked%n", ReferencesJob.NAME, reference.entity(),
            reference.eventField());
        continue;
      }
      sources.add(masterVolume(rawFs, zone, reference.entity(), master));
      if (!fs.exists(silver)) {
        references.add(new RunFacts.ReferenceCheck(reference.eventField(), reference.entity(), true, 0, 0, 0));
        continue;
      }
      Path checked = references(output, reference);
      ReferencesJob.Result r = ReferencesJob.check(Jobs.run(ReferencesJob.createJob(conf, reference, silver, master,
          checked)));
      files.addAll(rawFiles(fs, reference.entity(), new Path(checked, ReferencesJob.FILES), RawInventory.NONE));
      if (r.masterRejected()) {
        // the snapshot is not what was committed: the events are kept as they were, the reference not checked
        references.add(new RunFacts.ReferenceCheck(reference.eventField(), reference.entity(), false, clean, 0, 0));
        out.printf("%s: the %s snapshot %s disagrees with its manifest: %s not checked%n", ReferencesJob.NAME,
            reference.entity(), master, reference.eventField());
        continue;
      }
      ReferencesJob.print(out, r);
      long rows = SilverMasters.snapshot(rawFs, master, reference.entity(), fs, new Path(output, SILVER_MASTERS));
      out.printf("%s: %d rows of %s in silver%n", reference.entity(), rows, master);
      List<Count> removed = new ArrayList<>(List.of(Removal.UNKNOWN.count(reference.eventField(), r.unknown())));
      if (reference.activeField() != null) {
        removed.add(Removal.INACTIVE.count(r.inactive()));
      }
      if (r.erased() > 0) {
        removed.add(Removal.ERASED.count(r.erased()));
      }
      stages.add(StageName.REFERENCES.stage(reference.entity(), EventProfiler.SOURCE, r.read(), r.clean(), removed));
      rejects.add(fromOutput(fs, EventProfiler.SOURCE, RejectReason.UNKNOWN_REFERENCE.name(), r.unknown(),
          reference.eventField(), new Path(checked, ReferencesJob.QUARANTINE)));
      references.add(new RunFacts.ReferenceCheck(reference.eventField(), reference.entity(), true, r.read(),
          r.unknown(), r.unknownKept()));
      silver = new Path(checked, "silver");
      clean = r.clean();
      unknown += r.unknown();
    }
    long metadata = SilverMasters.metadata(rawFs, zone, fs, new Path(output, SILVER_MASTERS));
    if (metadata >= 0) {
      out.printf("product-metadata: %d items of the newest pull in silver%n", metadata);
    }
    Path finalSilver = new Path(output, SILVER);
    moveTo(fs, silver, finalSilver);
    // the stages' own copies of the events: silver holds what they kept, and an erased customer's events nowhere
    for (Path copy : new Path[] {new Path(validated, "silver"), new Path(cleaned, "silver"),
        new Path(references(output, Reference.PRODUCT), "silver"),
        new Path(references(output, Reference.USER), "silver")}) {
      fs.delete(copy, true);
    }
    moveTo(fs, new Path(validated, ValidateJob.IMPRESSIONS), new Path(output, SILVER_IMPRESSIONS));
    sources.add(0, new SourceVolume(EventProfiler.SOURCE, v.linesRead() - v.impressions(), clean,
        v.quarantined() + v.linesInRejectedFiles() + unknown));

    RunFacts.SourceFacts orders = null;
    RawInventory transactionFiles = RawInventory.daily(rawFs, zone.transactions(), from, to);
    List<Path> transactionDays = transactionFiles.partitions();
    if (transactionDays.isEmpty()) {
      out.printf("%s: no transactions for %s to %s%n", OrdersJob.NAME, from, to);
      files.addAll(rawFiles(fs, TRANSACTIONS, new Path(output, "no-orders"), transactionFiles));
    } else {
      Path ordersOut = new Path(output, ORDERS);
      OrdersJob.Result o = OrdersJob.check(Jobs.run(OrdersJob.createJob(conf, transactionDays, ordersOut)));
      OrdersJob.print(out, o);
      List<Count> ordersRemoved = new ArrayList<>(List.of(Removal.QUARANTINED.count(o.quarantined()),
          Removal.DUPLICATES.count(o.duplicates())));
      if (o.superseded() > 0) {
        ordersRemoved.add(Removal.SUPERSEDED.count(o.superseded()));
      }
      ordersRemoved.add(Removal.IN_REJECTED_FILES.count(o.rowsInRejectedFiles()));
      stages.add(StageName.VALIDATE_ORDERS.stage(TRANSACTIONS, o.rowsRead(), o.orders() + o.items(), ordersRemoved));
      sources.add(1, new SourceVolume(TRANSACTIONS, o.rowsRead(), o.orders() + o.items(),
          o.quarantined() + o.rowsInRejectedFiles()));
      files.addAll(rawFiles(fs, TRANSACTIONS, new Path(ordersOut, OrdersJob.FILES), transactionFiles));
      orders = new RunFacts.SourceFacts(TRANSACTIONS, OrdersJob.PROFILED_FIELDS, List.of(),
          readProfiles(fs, new Path(ordersOut, OrdersJob.PROFILE)));
      rejects.addAll(orders.rejects());
      // items of unknown orders are found in the reducer, after the profile: their examples come from the quarantine
      long unknownOrders = o.reasons().getOrDefault(RejectReason.UNKNOWN_REFERENCE, 0L);
      rejects.add(fromOutput(fs, TRANSACTIONS, RejectReason.UNKNOWN_REFERENCE.name(), unknownOrders, "order_id",
          new Path(ordersOut, OrdersJob.QUARANTINE)));
      rejects.add(fromOutput(fs, TRANSACTIONS, RejectReason.DUPLICATE_ID.name(), o.duplicates(), null,
          new Path(ordersOut, OrdersJob.DUPLICATES)));
      rejects.add(fromOutput(fs, TRANSACTIONS, RejectReason.SUPERSEDED.name(), o.superseded(), null,
          new Path(ordersOut, OrdersJob.DUPLICATES)));
      moveTo(fs, new Path(ordersOut, OrdersJob.SILVER), new Path(output, SILVER_ORDERS));
    }

    RunFacts facts = new RunFacts(output.getName(), now, from, to, stages, sources, clickstream, orders,
        rejects.stream().filter(r -> r.count() > 0).toList(), references, daysWithData(hours), hours.size(),
        newestLanded(rawFs, zone.clickstream()), files);
    QualityReport report = QualityAssessment.assess(facts, limits, earlierReports(fs, history, output));
    Path reportDir = new Path(output, REPORT);
    for (ReportFormat format : ReportFormat.values()) {
      if (!format.available()) {
        out.printf("  %s not written: its renderer is not on this classpath (the jobs jar leaves it out)%n",
            format.fileName());
        continue;
      }
      try (FSDataOutputStream stream = fs.create(new Path(reportDir, format.fileName()), false)) {
        format.write(report, stream);
      }
    }
    for (Check check : report.checks()) {
      out.printf("  %-4s %-36s %s%n", check.status(), check.name(), check.message());
    }
    out.printf("%s: %s; silver in %s; report in %s%n", NAME, report.status(), finalSilver, reportDir);
    return report;
  }

  /**
   * The thresholds of a run: each {@code reco.quality.*} key as {@code conf} sets it, else as the settings reference
   * declares it.
   */
  static QualityThresholds thresholds(Configuration conf) {
    return QualityThresholds.from(key -> Settings.get(conf, key),
        Settings.withPrefix(conf, QualityThresholds.MAX_NULL_RATE));
  }

  /**
   * Every file of {@code source} in the range and what became of it: the verdicts its job wrote under {@code dir},
   * one per file read, and the entries the inventory found but nothing read; in path order.
   */
  static List<RawFile> rawFiles(FileSystem fs, String source, Path dir, RawInventory inventory) throws IOException {
    List<RawFile> files = new ArrayList<>();
    if (fs.exists(dir)) {
      for (FileStatus part : parts(fs, dir)) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(part.getPath()),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            JsonNode v = RawFileVerdicts.parse(line);
            files.add(new RawFile(source, v.path("file").asText(), v.path("status").asText(),
                v.path("fails").asBoolean(), v.path("detail").isNull() ? null : v.path("detail").asText(null),
                v.path("records").asLong(), v.path("manifest_records").asLong(), v.path("kept").asLong(),
                v.path("quarantined").asLong()));
          }
        }
      }
    }
    for (RawInventory.Entry e : inventory.unread()) {
      files.add(new RawFile(source, e.path().toString(), e.problem().name(), e.problem().fails(),
          e.detail(), 0, -1, 0, 0));
    }
    files.sort(Comparator.comparing(RawFile::file));
    return files;
  }

  /** The days of {@code hours} ({@code .../dt=YYYY-MM-DD/hour=HH}) with at least one partition. */
  static int daysWithData(List<Path> hours) {
    Set<String> days = new HashSet<>();
    hours.forEach(h -> days.add(h.getParent().getName()));
    return days.size();
  }

  /** Moves a job's silver output to where the run keeps it, if the job wrote any. */
  private static void moveTo(FileSystem fs, Path from, Path to) throws IOException {
    if (fs.exists(from)) {
      fs.mkdirs(to.getParent());
      if (!fs.rename(from, to)) {
        throw new IOException("could not move " + from + " to " + to);
      }
    }
  }

  /** Merges the per-task profiles written under {@code dir}. */
  static RecordProfile readProfiles(FileSystem fs, Path dir) throws IOException {
    RecordProfile merged = new RecordProfile();
    if (!fs.exists(dir)) {
      return merged;
    }
    for (FileStatus part : parts(fs, dir)) {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(part.getPath()),
          StandardCharsets.UTF_8))) {
        reader.lines().filter(line -> !line.isBlank()).forEach(line -> merged.merge(RecordProfile.fromJson(line)));
      }
    }
    return merged;
  }

  /**
   * {@code count} rejects of one reason, with examples: the first lines of that reason in the quarantine files of
   * {@code dir}.
   */
  static Rejects fromOutput(FileSystem fs, String source, String reason, long count, String field, Path dir)
      throws IOException {
    List<RejectExample> examples = new ArrayList<>();
    if (count > 0 && fs.exists(dir)) {
      FileStatus[] parts = parts(fs, dir);
      int scanned = 0;
      for (int i = 0; i < parts.length && examples.size() < RecordProfile.EXAMPLES && scanned < EXAMPLE_SCAN_LINES;
          i++) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(parts[i].getPath()),
            StandardCharsets.UTF_8))) {
          String line;
          while (examples.size() < RecordProfile.EXAMPLES && scanned++ < EXAMPLE_SCAN_LINES
              && (line = reader.readLine()) != null) {
            JsonNode q = JSON.readTree(line);
            if (reason.equals(q.path("reason").asText())) {
              examples.add(RecordProfile.example(q.path("field").isNull() ? null : q.path("field").asText(null),
                  q.path("source").asText(), q.path("message").asText(), q.path("record").asText()));
            }
          }
        }
      }
    }
    return new Rejects(source, reason, count, List.of(new Count(field == null ? "-" : field, count)), examples);
  }

  /** The {@code part} files a job wrote under {@code dir}, in name order. */
  private static FileStatus[] parts(FileSystem fs, Path dir) throws IOException {
    FileStatus[] parts = fs.listStatus(dir, p -> p.getName().startsWith("part"));
    Arrays.sort(parts, Comparator.comparing(FileStatus::getPath));
    return parts;
  }

  /**
   * The rows of the snapshot file {@code data} ({@code master/<entity>/snapshot=YYYY-MM-DD/<entity>.jsonl}) and the
   * rows its export lost to the quarantine of that date, both from their manifests.
   */
  static SourceVolume masterVolume(FileSystem fs, RawZone zone, String entity, Path data) throws IOException {
    long rows = records(fs, data);
    LocalDate date = RawZone.snapshotDate(data.getParent());
    long rejected = 0;
    if (date != null) {
      rejected = records(fs, new Path(zone.quarantine(entity, date), data.getName()));
    }
    return new SourceVolume(entity, rows + rejected, rows, rejected);
  }

  /** The records {@code data}'s manifest declares; 0 without a readable one (verify-raw names it). */
  private static long records(FileSystem fs, Path data) throws IOException {
    Path manifest = Manifest.pathOf(data);
    if (!fs.exists(manifest)) {
      return 0;
    }
    try {
      return Manifest.read(fs, manifest).records();
    } catch (IOException unreadable) {
      return 0;
    }
  }

  /** When the newest committed file of the newest date partition under {@code root} was written, or null. */
  static Instant newestLanded(FileSystem fs, Path root) throws IOException {
    FileStatus[] days = fs.globStatus(RawZone.everyDate(root));
    if (days == null || days.length == 0) {
      return null;
    }
    Arrays.sort(days, Comparator.comparing(s -> s.getPath().getName()));
    for (int i = days.length - 1; i >= 0; i--) {
      FileStatus[] manifests = fs.globStatus(RawZone.inEveryHourOf(days[i].getPath(), "*" + Manifest.SUFFIX));
      Instant newest = null;
      for (FileStatus m : manifests == null ? new FileStatus[0] : manifests) {
        Instant t;
        try {
          String written = Manifest.read(fs, m.getPath()).writtenAt();
          t = written == null ? null : Instant.parse(written);
        } catch (IOException | DateTimeParseException unreadable) {
          continue; // the file's verdict, BAD_MANIFEST, reports it
        }
        if (t != null) {
          newest = newest == null || t.isAfter(newest) ? t : newest;
        }
      }
      if (newest != null) {
        return newest;
      }
    }
    return null;
  }

  /** The reports of earlier runs under {@code history} ({@code <run>/report/report.json}), oldest first. */
  static List<QualityReport> earlierReports(FileSystem fs, Path history, Path self) throws IOException {
    List<QualityReport> reports = new ArrayList<>();
    if (!fs.exists(history)) {
      return reports;
    }
    String selfName = self.getName();
    for (FileStatus run : fs.listStatus(history)) {
      QualityReport report = run.isDirectory() && !run.getPath().getName().equals(selfName)
          ? report(fs, run.getPath()) : null;
      if (report != null) {
        reports.add(report);
      }
    }
    reports.sort(Comparator.comparing(QualityReport::generatedAt));
    return reports;
  }

  /** The report of the run written to {@code run}, or null when it has none. */
  public static QualityReport report(FileSystem fs, Path run) throws IOException {
    Path json = new Path(new Path(run, REPORT), ReportFormat.JSON.fileName());
    if (!fs.exists(json)) {
      return null;
    }
    try (FSDataInputStream in = fs.open(json)) {
      return ReportFormat.readJson(in);
    }
  }

  /** The references join's directory of one master entity under the run's output. */
  static Path references(Path output, Reference reference) {
    return new Path(output, "references-" + reference.entity());
  }

  /**
   * Every directory of a run's output holding records it set apart, each with its reason: the quarantines of
   * validate, of each references join and of validate-orders, and the duplicates, conflicts, near duplicates and
   * bots clean removed.
   */
  public static List<Path> setApart(Path output) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(new Path(new Path(output, VALIDATED), ValidateJob.QUARANTINE));
    Path cleaned = new Path(output, CLEANED);
    for (String removed : new String[] {CleanJob.DUPLICATES, CleanJob.CONFLICTS, CleanJob.NEAR_DUPLICATES_DIR,
        CleanJob.BOTS}) {
      dirs.add(new Path(cleaned, removed));
    }
    for (Reference reference : Reference.values()) {
      dirs.add(new Path(references(output, reference), ReferencesJob.QUARANTINE));
    }
    dirs.add(new Path(new Path(output, ORDERS), OrdersJob.QUARANTINE));
    dirs.add(new Path(new Path(output, ORDERS), OrdersJob.DUPLICATES));
    return dirs;
  }

  /** A run name from the clock: {@code validate-YYYYMMDD-HHMMSS}. */
  public static String runName(Instant now) {
    return "validate-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
  }
}
