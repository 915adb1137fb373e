package io.reco.jobs.common;

import io.reco.records.raw.RawFiles;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Writable;

/** Reads back, in the driver or a task's setup, the SequenceFiles a job wrote into one directory. */
public final class SequenceFiles {
  /** Takes each record; {@code key} and {@code value} are reused between records. */
  public interface Records {
    /** One record, read into the key and value given to {@link #read}. */
    void next() throws IOException;
  }

  private SequenceFiles() {
  }

  /** Reads every record of the visible files under {@code dir} into {@code key} and {@code value}. */
  public static void read(Configuration conf, Path dir, Writable key, Writable value, Records records)
      throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    for (FileStatus file : fs.listStatus(dir, RawFiles.VISIBLE)) {
      try (SequenceFile.Reader reader = new SequenceFile.Reader(conf, SequenceFile.Reader.file(file.getPath()))) {
        while (reader.next(key, value)) {
          records.next();
        }
      }
    }
  }
}
