package io.reco.jobs.common;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Mahout's jobs take numeric ids; ours are strings. Each id maps to the first 64 bits of its MurmurHash3 128,
 * and the jobs that read Mahout's output join the hashes back to the ids they came from.
 */
public final class MahoutIds {
  private MahoutIds() {
  }

  /** The numeric id Mahout sees for a string id. */
  public static long of(String id) {
    return Hashing.murmur3_128().hashString(id, StandardCharsets.UTF_8).asLong();
  }
}
