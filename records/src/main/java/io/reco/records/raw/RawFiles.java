package io.reco.records.raw;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;

/** Naming rules of the raw zone that every writer and reader shares. */
public final class RawFiles {
  /**
   * Names starting with {@code _} or {@code .} are bookkeeping, not data: temporary files, journals, pointers,
   * checksum side files. Readers and the verifier skip them.
   */
  public static final PathFilter VISIBLE = p -> !isHidden(p.getName());

  /** Data files: visible files that are not manifests. */
  public static final PathFilter DATA = p -> !isHidden(p.getName()) && !p.getName().endsWith(Manifest.SUFFIX);

  /** A directory of files being written elsewhere than beside their final place; never data. */
  public static final String STAGING = "_staging";

  /** The suffix of a file being written; such a file is not committed. */
  public static final String IN_PROGRESS = ".inprogress";

  private RawFiles() {
  }

  /** Whether a file or directory name is bookkeeping rather than data. */
  public static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  /** The hidden in-progress path a data file is written under before it is committed. */
  public static Path inProgress(Path dataFile) {
    return new Path(dataFile.getParent(), "_" + dataFile.getName() + IN_PROGRESS);
  }

  /**
   * Renames {@code from} onto {@code to}, replacing {@code to} if present and creating its directory if missing
   * (HDFS's rename does neither).
   */
  public static void replace(FileSystem fs, Path from, Path to) throws IOException {
    if (fs.exists(to)) {
      if (!fs.delete(to, false)) {
        throw new IOException("cannot replace " + to);
      }
    } else {
      fs.mkdirs(to.getParent());
    }
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }
}
