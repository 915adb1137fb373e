package io.reco.jobs.evaluate;

import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.hadoop.mapreduce.MRJobConfig;

/**
 * Writes (user, item) pairs as an interactions output ({@code pairs} and Mahout's {@code prefs}), the input of the
 * model jobs trained again on part of a run's interactions; in as many files as the interactions job's reducers
 * write, a user's lines in one, so that the jobs' map tasks share them.
 */
final class InteractionFiles implements Closeable {
  private final BufferedWriter[] pairs;
  private final BufferedWriter[] prefs;

  InteractionFiles(Configuration conf, Path interactions) throws IOException {
    int files = Math.max(1, conf.getInt(MRJobConfig.NUM_REDUCES, 1));
    FileSystem fs = interactions.getFileSystem(conf);
    pairs = new BufferedWriter[files];
    prefs = new BufferedWriter[files];
    try {
      for (int f = 0; f < files; f++) {
        String part = String.format("/part-r-%05d", f);
        pairs[f] = writer(fs, new Path(interactions, InteractionsReducer.PAIRS + part));
        prefs[f] = writer(fs, new Path(interactions, InteractionsReducer.PREFS + part));
      }
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  void write(UserItemPair pair) throws IOException {
    int f = Math.floorMod(pair.userId().hashCode(), pairs.length);
    pairs[f].write(pair.format());
    pairs[f].newLine();
    prefs[f].write(pair.prefsLine());
    prefs[f].newLine();
  }

  /** Closes the files; an error closing one (its last bytes not written) is thrown after all are closed. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (BufferedWriter w : concat()) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void abort() {
    IOUtils.cleanupWithLogger(null, concat());
  }

  private BufferedWriter[] concat() {
    BufferedWriter[] all = new BufferedWriter[pairs.length * 2];
    System.arraycopy(pairs, 0, all, 0, pairs.length);
    System.arraycopy(prefs, 0, all, pairs.length, prefs.length);
    return java.util.Arrays.stream(all).filter(java.util.Objects::nonNull).toArray(BufferedWriter[]::new);
  }

  private static BufferedWriter writer(FileSystem fs, Path file) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8));
  }
}
