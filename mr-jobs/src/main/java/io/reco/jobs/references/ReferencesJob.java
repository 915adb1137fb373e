package io.reco.jobs.references;

import io.reco.ingest.common.Args;
import io.reco.ingest.raw.RawZone;
import io.reco.jobs.common.JobFailedException;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import io.reco.schema.avro.InteractionEvent;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.MultipleInputs;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.util.Tool;

/**
 * Checks that every silver event's product exists in a catalog snapshot, by a reduce-side join with a secondary
 * sort ({@link ProductKey}): it scales with the catalog, which is never loaded into a mapper. Writes
 * {@code <output>/silver/dt=.../} (Avro), {@code <output>/inactive/} (events of inactive products, JSON) and
 * {@code <output>/quarantine/} (events of unknown products, reason UNKNOWN_REFERENCE). Events read = clean +
 * unknown + inactive, or the job fails.
 *
 * <p>{@code hadoop jar reco-jobs.jar references --input clean/silver --raw raw --output checked} joins against the
 * newest catalog snapshot of the raw zone ({@code master/catalog/_LATEST}).
 */
public final class ReferencesJob extends Configured implements Tool {
  /** Name in the job driver. */
  public static final String NAME = "references";
  static final String SILVER = "silver";
  static final String INACTIVE = "inactive";
  static final String QUARANTINE = "quarantine";
  private static final String CATALOG = "catalog";

  /** What one run counted; {@code read == clean + unknownProduct + inactiveProduct}. */
  public record Result(long catalogRows, long read, long clean, long unknownProduct, long inactiveProduct) {
  }

  /** Builds the job over silver {@code events} and a catalog file of canonical products, without running it. */
  public static Job createJob(Configuration conf, Path events, Path catalog, Path output) throws IOException {
    Job job = Job.getInstance(conf, NAME);
    job.setJarByClass(ReferencesJob.class);
    FileInputFormat.setInputDirRecursive(job, true);
    AvroJob.setInputKeySchema(job, InteractionEvent.getClassSchema());
    MultipleInputs.addInputPath(job, events, AvroKeyInputFormat.class, EventMapper.class);
    MultipleInputs.addInputPath(job, catalog, TextInputFormat.class, CatalogMapper.class);
    job.setMapOutputKeyClass(ProductKey.class);
    job.setMapOutputValueClass(Text.class);
    job.setPartitionerClass(ProductKey.ByProduct.class);
    job.setGroupingComparatorClass(ProductKey.SameProduct.class);
    job.setReducerClass(ReferencesReducer.class);
    SilverEvents.output(job, output, SILVER);
    Jobs.addTextOutputs(job, INACTIVE, QUARANTINE);
    return job;
  }

  /** Reads the counters of a finished job and checks that they reconcile. */
  public static Result check(Job job) throws IOException {
    Counters c = job.getCounters();
    Result r = new Result(c.findCounter(ReferencesCounters.CATALOG_ROWS).getValue(),
        c.findCounter(ReferencesCounters.EVENTS_READ).getValue(),
        c.findCounter(ReferencesCounters.EVENTS_CLEAN).getValue(),
        c.findCounter(ReferencesCounters.UNKNOWN_PRODUCT).getValue(),
        c.findCounter(ReferencesCounters.INACTIVE_PRODUCT).getValue());
    if (r.read() != r.clean() + r.unknownProduct() + r.inactiveProduct()) {
      throw new JobFailedException(NAME + ": counts do not reconcile: read " + r.read() + " != clean " + r.clean()
          + " + unknown product " + r.unknownProduct() + " + inactive product " + r.inactiveProduct());
    }
    if (r.catalogRows() == 0) {
      throw new JobFailedException(NAME + ": the catalog snapshot holds no rows");
    }
    return r;
  }

  @Override
  public int run(String[] argv) throws Exception {
    Args args = Args.parse(NAME, argv, Args.names("input", "raw", "output"));
    Path raw = new Path(args.required("raw"));
    Path snapshot = new RawZone(raw).latestSnapshot(raw.getFileSystem(getConf()), CATALOG);
    if (snapshot == null) {
      throw new IllegalArgumentException(NAME + ": no catalog snapshot under " + raw + " (no master/catalog/_LATEST);"
          + " run ingest-master --entity catalog first");
    }
    Job job = Jobs.run(createJob(getConf(), new Path(args.required("input")), new Path(snapshot, CATALOG + ".jsonl"),
        new Path(args.required("output"))));
    print(System.out, check(job));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: read %d events against %d catalog rows: %d clean, %d of unknown products, %d of inactive ones%n",
        NAME, r.read(), r.catalogRows(), r.clean(), r.unknownProduct(), r.inactiveProduct());
  }
}
