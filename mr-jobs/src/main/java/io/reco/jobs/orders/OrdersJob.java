package io.reco.jobs.orders;

import io.reco.commands.DateRange;
import io.reco.commands.RecoTool;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.RawFileInputFormat;
import io.reco.jobs.common.RawInventory;
import io.reco.jobs.common.SilverEvents;
import io.reco.records.EventRules;
import io.reco.records.RejectReason;
import io.reco.records.avro.Order;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Bronze to silver for transactions: reads the committed order and order-item CSV files of a date range, checks
 * every row ({@link OrderRows}), joins the rows of each order_id into one Avro {@link Order} with its items sorted by
 * line_number, and writes {@code <output>/silver/dt=.../} (by the order's UTC date), {@code <output>/quarantine/}
 * and {@code <output>/duplicates/} (JSON lines with reason codes) and {@code <output>/profile/} (one
 * {@link io.reco.jobs.quality.RecordProfile} line per map task). Rows read = orders clean + items clean + rows
 * quarantined + duplicates, or the job fails.
 *
 * <p>{@code hadoop jar reco-jobs.jar validate-orders --raw raw --from 2026-11-01 --to 2026-11-07 --output
 * silver/orders-1} reads {@code raw/transactions/dt=2026-11-01/} to {@code dt=2026-11-07/}. Order times meet the
 * time window of {@link EventRules}, as events do.
 */
@Command(name = OrdersJob.NAME, description = "raw transactions CSV -> checked orders with their items, Avro by date")
public final class OrdersJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "validate-orders";
  /** Silver orders, Avro, under {@code dt=YYYY-MM-DD/}. */
  public static final String SILVER = "silver";
  /** Rejected rows, JSON lines. */
  public static final String QUARANTINE = "quarantine";
  /** Second copies of an order row or an item, JSON lines. */
  public static final String DUPLICATES = "duplicates";
  /** Where each map task writes its {@link io.reco.jobs.quality.RecordProfile}, one JSON line. */
  public static final String PROFILE = "profile";
  /** Where each file read has its verdict, one JSON line ({@link io.reco.jobs.common.RawFileVerdicts}). */
  public static final String FILES = "files";
  /** The optional order fields whose missing values the profile counts; the report lists their null rates. */
  public static final List<String> PROFILED_FIELDS = List.of("customer_id", "currency", "country");

  /**
   * What one run counted; {@code rowsRead == orders + items + quarantined + duplicates + rowsInRejectedFiles}.
   *
   * @param reasons quarantined rows by reason; they add up to {@code quarantined}
   */
  public record Result(long rowsRead, long orders, long items, long quarantined, long duplicates, long superseded,
      long ordersWithoutItems, long filesRejected, long rowsInRejectedFiles, Map<RejectReason, Long> reasons) {
  }

  /** The row checks of a run, from its configuration; the error names the setting. */
  static OrderRows rows(Configuration conf) {
    EventRules.Window window = EventRules.ofRun(conf);
    return new OrderRows(window.earliest(), window.latest());
  }

  /**
   * The existing {@code dt=YYYY-MM-DD} directories under {@code transactions} for the dates {@code from} to
   * {@code to}, both included, in date order; empty when there are none.
   */
  public static List<Path> partitions(FileSystem fs, Path transactions, LocalDate from, LocalDate to)
      throws IOException {
    return RawInventory.daily(fs, transactions, from, to).partitions();
  }

  /** Builds the job over the given date directories without running it. */
  public static Job createJob(Configuration conf, List<Path> partitions, Path output) throws IOException {
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException(NAME + ": no transaction partitions to read");
    }
    Configuration jobConf = new Configuration(conf);
    jobConf.setLong(EventRules.NOW, EventRules.clock(conf));
    rows(jobConf);
    Job job = Job.getInstance(jobConf, NAME);
    job.setJarByClass(OrdersJob.class);
    RawFileInputFormat.addInputs(job, partitions);
    job.setMapperClass(OrdersMapper.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(OrderPart.class);
    job.setReducerClass(OrdersReducer.class);
    SilverEvents.output(job, output);
    Jobs.addTextOutputs(job, QUARANTINE, DUPLICATES, PROFILE, FILES);
    return job;
  }

  /** Reads the counters of a finished job and checks that they reconcile. */
  public static Result check(Job job) throws IOException {
    Counters counters = job.getCounters();
    long filesRejected = counters.findCounter(OrdersCounters.FILES_REJECTED).getValue();
    long inRejected = counters.findCounter(OrdersCounters.ROWS_IN_REJECTED_FILES).getValue();
    long read = counters.findCounter(OrdersCounters.ROWS_READ).getValue() + inRejected;
    long orders = counters.findCounter(OrdersCounters.ORDERS_CLEAN).getValue();
    long items = counters.findCounter(OrdersCounters.ITEMS_CLEAN).getValue();
    long quarantined = counters.findCounter(OrdersCounters.ROWS_QUARANTINED).getValue();
    long duplicates = counters.findCounter(OrdersCounters.DUPLICATES).getValue();
    long superseded = counters.findCounter(OrdersCounters.SUPERSEDED).getValue();
    long withoutItems = counters.findCounter(OrdersCounters.ORDERS_WITHOUT_ITEMS).getValue();
    Map<RejectReason, Long> reasons = Jobs.rejectReasons(counters);
    if (read != orders + items + quarantined + duplicates + superseded + inRejected) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + read + " != orders " + orders
          + " + items " + items + " + quarantined " + quarantined + " + duplicates " + duplicates
          + " + superseded " + superseded + " + in rejected files " + inRejected);
    }
    long byReason = reasons.values().stream().mapToLong(Long::longValue).sum();
    if (byReason != quarantined) {
      throw new JobFailedException(NAME + ": quarantined " + quarantined + " rows but the reasons add up to "
          + byReason + " " + reasons);
    }
    return new Result(read, orders, items, quarantined, duplicates, superseded, withoutItems, filesRejected, inRejected,
        reasons);
  }

  @Option(names = "--raw", required = true, description = "Root of the raw zone.")
  private Path raw;
  @Mixin
  private DateRange days;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Path transactions = new RawZone(raw).transactions();
    List<Path> partitions = partitions(transactions.getFileSystem(getConf()), transactions, days.from(), days.to());
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException(NAME + ": no transaction partitions under " + transactions + " for "
          + days.from() + " to " + days.to() + " (expected directories dt=YYYY-MM-DD)");
    }
    Job job = Jobs.run(createJob(getConf(), partitions, output));
    print(System.out, check(job));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: read %d rows: %d orders (%d without items) with %d items clean, %d quarantined %s,"
        + " %d duplicates, %d superseded by later changes%s%n", NAME, r.rowsRead(), r.orders(),
        r.ordersWithoutItems(), r.items(), r.quarantined(), r.reasons(), r.duplicates(), r.superseded(),
        r.filesRejected() == 0 ? "" : String.format("; %d files quarantined whole (%d"
            + " rows)", r.filesRejected(), r.rowsInRejectedFiles()));
  }
}
