package io.reco.jobs.common;

import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyInputFormat;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * The shape shared by jobs that read or write silver events: they read every {@link InteractionEvent} Avro file
 * under a directory; tasks write them as Avro by date with {@link DatedAvroFiles} ({@code <name>/dt=.../part-*.avro})
 * beside text outputs, with no main output.
 */
public final class SilverEvents {
  private SilverEvents() {
  }

  /** Job input: every silver event file under {@code silver}, at any depth. */
  public static void input(Job job, Path silver) throws IOException {
    job.setInputFormatClass(AvroKeyInputFormat.class);
    AvroJob.setInputKeySchema(job, InteractionEvent.getClassSchema());
    FileInputFormat.setInputDirRecursive(job, true);
    FileInputFormat.addInputPath(job, silver);
  }

  /**
   * The events a finished job read, as its counter {@code read} says.
   *
   * @throws JobFailedException when it read none: a model or feature set over nothing is no result
   */
  public static long requireEvents(Job job, Enum<?> read) throws IOException {
    long events = job.getCounters().findCounter(read).getValue();
    if (events == 0) {
      throw new JobFailedException(job.getJobName() + ": the silver input " + FileInputFormat.getInputPaths(job)[0]
          + " holds no events");
    }
    return events;
  }

  /** Task output: files under {@code output} only, written by {@link DatedAvroFiles} and MultipleOutputs. */
  public static void output(Job job, Path output) {
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
  }

  /** The writer of a task's silver events, under {@code <output>/<name>/}. */
  public static DatedAvroFiles<InteractionEvent> files(TaskInputOutputContext<?, ?, ?, ?> context, String name) {
    return new DatedAvroFiles<>(context, name, InteractionEvent.getClassSchema());
  }
}
