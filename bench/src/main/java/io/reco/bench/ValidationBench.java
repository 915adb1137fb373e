package io.reco.bench;

import io.reco.jobs.clean.CleanJob;
import io.reco.jobs.common.CommittedFileFilter;
import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.RawPartitions;
import io.reco.jobs.validate.ValidateJob;
import io.reco.records.EventJson;
import io.reco.records.InvalidRecordException;
import io.reco.records.Settings;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;

/**
 * Throughput of bronze to silver on LocalJobRunner beside the ceiling: reading and parsing the same committed raw
 * files with as many threads as LocalJobRunner runs map tasks, and nothing else. The ceiling is measured before and
 * after the jobs, the validation job twice, and the better run of each counts.
 * Usage: {@code bench/validation [events=10000000] [days=7]}.
 */
public final class ValidationBench {
  private static final LocalDate START = LocalDate.of(2026, 11, 1);

  private ValidationBench() {
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path shop = Path.of("var", "bench", "validation-" + events + "-" + days).toAbsolutePath();
    Configuration conf = LocalJobs.configure(new Configuration(), shop.resolve("tmp"));
    FileSystem fs = FileSystem.getLocal(conf);
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(shop.toUri());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(root, "raw"));
    FeaturesBench.generated(fs, shop, events, days);
    List<org.apache.hadoop.fs.Path> hours = RawPartitions.between(fs, zone.clickstream(), START,
        START.plusDays(days - 1));
    List<org.apache.hadoop.fs.Path> files = committedFiles(fs, conf, hours);
    long bytes = 0;
    for (org.apache.hadoop.fs.Path f : files) {
      bytes += fs.getFileStatus(f).getLen();
    }
    int threads = conf.getInt("mapreduce.local.map.tasks.maximum", 2);
    System.out.printf("input: %,d committed files, %,.0f MB, %d hour partitions; %d cores, %d map threads%n",
        files.size(), bytes / 1e6, hours.size(), Runtime.getRuntime().availableProcessors(), threads);

    double before = readAndParse(fs, files, threads);
    Path out = shop.resolve("runs");
    FileUtils.deleteDirectory(out.toFile());
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(out.toUri());
    // Like the ceiling, the job runs twice and the better run counts: the first pays for the JVM's warm-up.
    ValidateJob.Result validated = null;
    double validateSeconds = Double.MAX_VALUE;
    for (int run = 1; run <= 2; run++) {
      fs.delete(new org.apache.hadoop.fs.Path(output, "validated"), true);
      long start = System.nanoTime();
      validated = ValidateJob.check(Jobs.run(ValidateJob.createJob(conf, hours,
          new org.apache.hadoop.fs.Path(output, "validated"))));
      double seconds = (System.nanoTime() - start) / 1e9;
      validateSeconds = Math.min(validateSeconds, seconds);
      System.out.printf("validate (schema and rules)       : %,10.0f events/s  (%,d lines in %.1f s: %,d valid, "
          + "%,d quarantined)%s%n", validated.linesRead() / seconds, validated.linesRead(), seconds,
          validated.valid(), validated.quarantined(), run == 1 ? "" : "  (again)");
    }
    long start = System.nanoTime();
    CleanJob.Result cleaned = CleanJob.run(conf, new org.apache.hadoop.fs.Path(output, "validated/silver"),
        new org.apache.hadoop.fs.Path(output, "clean"));
    double cleanSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("clean (duplicates, bots, near dup): %,10.0f events/s  (%,d events in %.1f s: %,d clean)%n",
        cleaned.read() / cleanSeconds, cleaned.read(), cleanSeconds, cleaned.clean());
    double after = readAndParse(fs, files, threads);
    double ceiling = Math.max(before, after);
    double rate = validated.linesRead() / validateSeconds;
    System.out.printf("validate: %.0f%% of the ceiling (%,.0f events/s against %,.0f: the better run of each); "
        + "goal 50%%%n", 100 * rate / ceiling, rate, ceiling);
    System.out.printf("validate + clean: %,.0f events/s, %.0f%% of the ceiling%n",
        validated.linesRead() / (validateSeconds + cleanSeconds),
        100 * validated.linesRead() / (validateSeconds + cleanSeconds) / ceiling);
    FileUtils.deleteDirectory(out.toFile());
  }

  /** The committed data files of {@code hours}, as the jobs read them. */
  static List<org.apache.hadoop.fs.Path> committedFiles(FileSystem fs, Configuration conf,
      List<org.apache.hadoop.fs.Path> hours) throws IOException {
    CommittedFileFilter filter = new CommittedFileFilter();
    filter.setConf(conf);
    List<org.apache.hadoop.fs.Path> files = new ArrayList<>();
    for (org.apache.hadoop.fs.Path hour : hours) {
      for (FileStatus status : fs.listStatus(hour, filter)) {
        files.add(status.getPath());
      }
    }
    return files;
  }

  /** Reads and parses every line of {@code files} on {@code threads} threads; prints and returns events/s. */
  static double readAndParse(FileSystem fs, List<org.apache.hadoop.fs.Path> files, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(pool.submit(() -> {
          long lines = 0;
          long bad = 0;
          for (int i = first; i < files.size(); i += threads) {
            // Hadoop's line reader, as the job's record reader uses, and the same parse of the line's bytes
            try (FSDataInputStream in = fs.open(files.get(i))) {
              LineReader reader = new LineReader(in, 1 << 20);
              Text line = new Text();
              while (reader.readLine(line) > 0) {
                lines++;
                try {
                  EventJson.parse(line.getBytes(), 0, line.getLength());
                } catch (InvalidRecordException e) {
                  bad++;
                }
              }
            }
          }
          return new long[] {lines, bad};
        }));
      }
      long lines = 0;
      for (Future<long[]> part : parts) {
        lines += part.get()[0];
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = lines / seconds;
      System.out.printf("read + parse (the ceiling)        : %,10.0f events/s  (%,d lines in %.1f s)%n", rate, lines,
          seconds);
      return rate;
    } finally {
      pool.shutdown();
    }
  }
}
