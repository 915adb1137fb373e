package io.reco.jobs.common;

import io.reco.schema.avro.InteractionEvent;
import org.apache.avro.mapreduce.AvroJob;
import org.apache.avro.mapreduce.AvroKeyOutputFormat;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * The shape shared by jobs that write silver events: mappers emit Avro {@link InteractionEvent} values under a text
 * key, and reducers write events as Avro under a named output ({@code <name>/dt=.../part-r-*.avro}) beside
 * text outputs, with no main output.
 */
public final class SilverEvents {
  private SilverEvents() {
  }

  /** Mapper output: a text key and an {@link InteractionEvent} value. */
  public static void shuffleByText(Job job) {
    job.setMapOutputKeyClass(Text.class);
    AvroJob.setMapOutputValueSchema(job, InteractionEvent.getClassSchema());
  }

  /** Reducer output: the named Avro output {@code name} under {@code output}, written with AvroMultipleOutputs. */
  public static void output(Job job, Path output, String name) {
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    FileOutputFormat.setOutputPath(job, output);
    AvroMultipleOutputs.addNamedOutput(job, name, AvroKeyOutputFormat.class, InteractionEvent.getClassSchema());
  }
}
