package io.reco.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running jobs: a failed one says why in one line. */
class JobsTest {
  @TempDir
  Path dir;

  /** Fails on its first line, as a bug or an unbounded input would. */
  public static final class FailingMapper extends Mapper<LongWritable, Text, NullWritable, NullWritable> {
    @Override
    protected void map(LongWritable key, Text value, Context context) {
      throw new IllegalStateException("cannot judge line " + key.get(), new StackOverflowError("deep inside"));
    }
  }

  @Test
  void aFailedTaskOnLocalJobRunnerNamesItsError() throws Exception {
    Files.writeString(dir.resolve("in.txt"), "one line\n");
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    Job job = Job.getInstance(conf, "failing");
    job.setMapperClass(FailingMapper.class);
    job.setNumReduceTasks(0);
    FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(dir.resolve("in.txt").toUri()));
    FileOutputFormat.setOutputPath(job, new org.apache.hadoop.fs.Path(dir.resolve("out").toUri()));
    JobFailedException e = assertThrows(JobFailedException.class, () -> Jobs.run(job));
    assertEquals("failing failed: StackOverflowError: deep inside", e.getMessage());
  }
}
