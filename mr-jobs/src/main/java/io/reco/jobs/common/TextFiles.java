package io.reco.jobs.common;

import io.reco.records.raw.RawFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads back, in the driver, the text files a job wrote into one directory, a line at a time. */
public final class TextFiles {
  /** Takes each line. */
  public interface Lines {
    /** One line, without its end. */
    void next(String line) throws IOException;
  }

  private TextFiles() {
  }

  /** Reads every line of the visible files under {@code dir}, file after file. */
  public static void read(Configuration conf, Path dir, Lines lines) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    for (FileStatus file : fs.listStatus(dir, RawFiles.VISIBLE)) {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file.getPath()),
          StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.next(line);
        }
      }
    }
  }
}
