package io.reco.jobs.common;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** Settings that run jobs in this JVM with LocalJobRunner, fast, with scratch space under one directory. */
public final class LocalJobs {
  private LocalJobs() {
  }

  /** Applies the LocalJobRunner settings to {@code conf}, with scratch space under {@code dir}. */
  public static Configuration configure(Configuration conf, Path dir) {
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
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    return conf;
  }
}
