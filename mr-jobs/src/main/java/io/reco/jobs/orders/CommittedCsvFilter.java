package io.reco.jobs.orders;

import io.reco.ingest.raw.Manifest;
import io.reco.ingest.raw.RawFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;

/**
 * Input filter that takes a raw transaction file only when it is a visible {@code .csv} file whose manifest exists,
 * that is, once it is committed. Hadoop applies input filters to the partition directories too, so directories
 * pass; manifests, ledgers and anything else do not.
 */
public final class CommittedCsvFilter implements PathFilter, Configurable {
  /** The extension of transaction data files. */
  public static final String CSV = ".csv";
  private Configuration conf;

  @Override
  public boolean accept(Path path) {
    String name = path.getName();
    if (RawFiles.isHidden(name)) {
      return false;
    }
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (name.endsWith(CSV)) {
        return fs.exists(Manifest.pathOf(path));
      }
      return fs.getFileStatus(path).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
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
