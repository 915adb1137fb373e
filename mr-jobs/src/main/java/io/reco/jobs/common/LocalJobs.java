package io.reco.jobs.common;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** Settings that run jobs in this JVM with LocalJobRunner, fast, with scratch space under one directory. */
public final class LocalJobs {
  /** How often {@link #compactStatistics} runs. */
  static final long COMPACT_MILLIS = 100;
  /** Whether the statistics compaction has started in this JVM. */
  private static final AtomicBoolean COMPACTING = new AtomicBoolean();

  private LocalJobs() {
  }

  /** Applies the LocalJobRunner settings to {@code conf}, with scratch space under {@code dir}. */
  public static Configuration configure(Configuration conf, Path dir) {
    if (COMPACTING.compareAndSet(false, true)) {
      Thread compactor = new Thread(() -> {
        Field allData;
        Method cleanUp;
        try {
          allData = FileSystem.Statistics.class.getDeclaredField("allData");
          cleanUp = Class.forName(FileSystem.Statistics.class.getName() + "$StatisticsDataReference")
              .getDeclaredMethod("cleanUp");
          allData.setAccessible(true);
          cleanUp.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return;
        }
        while (compactStatistics(allData, cleanUp)) {
          try {
            Thread.sleep(COMPACT_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "reco-statistics-compactor");
      compactor.setDaemon(true);
      compactor.start();
    }
    Path scratch = dir.toAbsolutePath();
    conf.set("mapreduce.framework.name", "local");
    conf.set("fs.defaultFS", "file:///");
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setInt("mapreduce.client.completion.pollinterval", 50);
    // a verbose client (Mahout's jobs, Jobs.run) polls at this interval, a second by default: a second lost a job
    conf.setInt("mapreduce.client.progressmonitor.pollinterval", 50);
    conf.set("mapreduce.jobtracker.staging.root.dir", scratch.resolve("staging").toString());
    conf.set("yarn.app.mapreduce.am.staging-dir", scratch.resolve("staging").toString());
    conf.set("mapreduce.cluster.local.dir", scratch.resolve("local").toString());
    conf.set("hadoop.tmp.dir", scratch.resolve("tmp").toString());
    conf.set("hbase.fs.tmp.dir", scratch.resolve("hbase-staging").toString());
    conf.setInt("mapreduce.task.io.sort.mb", 64);
    // two map and two reduce tasks side by side, as two cores take them; each job writes two files, which the next
    // job's two map tasks read in parallel (one reducer's single file is one map task's split)
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    conf.setInt("mapreduce.local.reduce.tasks.maximum", 2);
    conf.setInt("mapreduce.job.reduces", 2);
    // a reducer holds fetched map outputs in memory up to this share of the heap (0.7 by default, which two reducers
    // of one JVM exceed together): bounded, the rest merges on disk, so a larger day needs no larger heap
    conf.setFloat("mapreduce.reduce.shuffle.input.buffer.percent", 0.15f);
    return conf;
  }

  /**
   * Keeps Hadoop's file system statistics small in a long-lived JVM. Hadoop keeps one statistics record per thread
   * that ever read or wrote, in a hash set, and every record a task reads or writes walks the whole set, its empty
   * buckets too, twice. LocalJobRunner starts new threads for every job (task pools, a spill thread per map task,
   * fetchers and mergers per reduce task); an ended thread's record stays until a collection of the old generation
   * frees the thread, and the set never shrinks: over a pipeline's 64 jobs that walk took a fifth of the CPU. Every
   * {@value #COMPACT_MILLIS} ms this hands the records of ended threads to their totals, as Hadoop's own cleaner
   * does (each reference cleared first, so that the cleaner never hands it over again), and puts the rest in a set
   * of their size. Started once per JVM, by the first local configuration; it stops where Hadoop's statistics look
   * different (false).
   */
  private static boolean compactStatistics(Field allData, Method cleanUp) {
    try {
      for (FileSystem.Statistics statistics : FileSystem.getAllStatistics()) {
        synchronized (statistics) {
          Set<?> references = (Set<?>) allData.get(statistics);
          Set<Object> live = new HashSet<>();
          List<Reference<?>> ended = new ArrayList<>();
          for (Object reference : references) {
            // held in this frame, a thread cannot be collected (and its reference queued) before it is cleared
            Object thread = ((Reference<?>) reference).get();
            if (thread instanceof Thread t && !t.isAlive()) {
              ended.add((Reference<?>) reference);
            } else {
              live.add(reference);
            }
          }
          if (ended.isEmpty()) {
            continue;
          }
          for (Reference<?> reference : ended) {
            reference.clear();
            cleanUp.invoke(reference);
          }
          allData.set(statistics, live);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
    return true;
  }
}
