package io.reco.jobs.common;

import io.reco.records.avro.InteractionEvent;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * The shape shared by jobs that write silver events: tasks write {@link InteractionEvent} records as Avro by date
 * with {@link DatedAvroFiles} ({@code <name>/dt=.../part-*.avro}) beside text outputs, with no main output.
 */
public final class SilverEvents {
  private SilverEvents() {
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
