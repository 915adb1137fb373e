package io.reco.jobs.common;

import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * The form in which a job hands ranked lists to {@code load-lists}: a SequenceFile of entity id to the
 * Avro-encoded {@code ScoredItemList} that becomes the cell value.
 */
public final class ScoredListOutput {
  private ScoredListOutput() {
  }

  /** Makes {@code job} write entity id to encoded list. */
  public static void configure(Job job) {
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(BytesWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
  }
}
