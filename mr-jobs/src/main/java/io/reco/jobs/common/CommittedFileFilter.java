package io.reco.jobs.common;

import io.reco.records.raw.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;

/**
 * Input filter that takes a raw data file only once it is committed, that is once its manifest exists: a file a
 * writer is still committing, or one a crash left behind, is not read. Hadoop applies input filters to the
 * partition directories too, so names without an extension pass.
 */
public final class CommittedFileFilter implements PathFilter, Configurable {
  private Configuration conf;

  @Override
  public boolean accept(Path path) {
    if (!path.getName().contains(".")) {
      return true;
    }
    if (!RawPartitions.DATA_FILES.accept(path)) {
      return false;
    }
    try {
      return path.getFileSystem(conf).exists(Manifest.pathOf(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for the manifest of " + path, e);
    }
  }

  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
  }

  @Override
  public Configuration getConf() {
    return conf;
  }
}
