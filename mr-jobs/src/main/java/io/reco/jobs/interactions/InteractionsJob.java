package io.reco.jobs.interactions;

import io.reco.commands.RecoTool;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.SilverEvents;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Aggregates the silver clickstream of a bronze-to-silver run ({@code <run>/silver/clickstream/dt=.../*.avro}) per
 * (user, item): the models' common input. Reads silver only, so every event has met the rules, the quality checks
 * and the clean-up; the quality gate, not this job, decides whether the data may be used.
 *
 * <p>Writes {@code <output>/pairs} ({@link UserItemPair} lines) and {@code <output>/prefs} (Mahout's input).
 *
 * <p>{@code hadoop jar reco-jobs.jar interactions --input runs/<run>/silver/clickstream --output work/interactions}
 */
@Command(name = InteractionsJob.NAME, description = "silver clickstream -> per user-item pairs and Mahout prefs")
public final class InteractionsJob extends RecoTool {
  /** Name in the job driver. */
  public static final String NAME = "interactions";

  /** What one run read and wrote. */
  public record Result(long eventsRead, long pairs) {
  }

  /** Builds the job over the silver events under {@code silver} without running it. */
  public static Job createJob(Configuration conf, Path silver, Path output) throws IOException {
    Job job = Job.getInstance(conf, NAME);
    job.setJarByClass(InteractionsJob.class);
    SilverEvents.input(job, silver);
    job.setMapperClass(InteractionsMapper.class);
    job.setCombinerClass(PairStatsCombiner.class);
    job.setReducerClass(InteractionsReducer.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(PairStats.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(Text.class);
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    Jobs.addTextOutputs(job, InteractionsReducer.PAIRS, InteractionsReducer.PREFS);
    return job;
  }

  /** Reads the counters of a finished job; a run over no events fails. */
  public static Result check(Job job) throws IOException {
    long read = SilverEvents.requireEvents(job, InteractionsCounters.EVENTS_READ);
    return new Result(read, job.getCounters().findCounter(InteractionsCounters.PAIRS).getValue());
  }

  @Option(names = "--input", required = true, description = "Silver clickstream of a bronze-to-silver run (Avro).")
  private Path input;
  @Option(names = "--output", required = true, description = "Output directory (must not exist).")
  private Path output;

  @Override
  protected int execute() throws Exception {
    Job job = Jobs.run(createJob(getConf(), input, output));
    print(System.out, check(job));
    return 0;
  }

  /** Prints a result as the CLI shows it. */
  public static void print(PrintStream out, Result r) {
    out.printf("%s: %d silver events: %d user-item pairs%n", NAME, r.eventsRead(), r.pairs());
  }
}
