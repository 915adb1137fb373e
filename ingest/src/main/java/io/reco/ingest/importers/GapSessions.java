package io.reco.ingest.importers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Sessions for datasets that have none: a user's session ends after a gap of inactivity (30 minutes by default), and
 * its id is {@code <dataset>:<user>:<session start, epoch ms>}. Every event time is {@link #add added} first (one
 * pass over the input), then {@link #seal} cuts the sessions and {@link #sessionId} answers for any of those times.
 * The ids therefore depend only on the set of events, not on the order of the file; memory is one long per event
 * until sealed, one per session after.
 */
public final class GapSessions {
  private final String prefix;
  private final long gapMillis;
  private final Map<String, Times> users = new HashMap<>();
  private boolean sealed;
  private long sessions;

  private static final class Times {
    private long[] values = new long[4];
    private int size;

    void add(long time) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = time;
    }
  }

  /** Sessions named after {@code dataset}, cut at gaps longer than {@code gapMillis}. */
  public GapSessions(String dataset, long gapMillis) {
    if (gapMillis <= 0) {
      throw new IllegalArgumentException("the session gap must be positive, was " + gapMillis + " ms");
    }
    this.prefix = dataset + ":";
    this.gapMillis = gapMillis;
  }

  /** Records that {@code user} was active at {@code time}. */
  public void add(String user, long time) {
    if (sealed) {
      throw new IllegalStateException("sessions are already cut");
    }
    users.computeIfAbsent(user, u -> new Times()).add(time);
  }

  /** Cuts every user's sessions; keeps only their start times. */
  public void seal() {
    for (Times t : users.values()) {
      long[] times = Arrays.copyOf(t.values, t.size);
      Arrays.sort(times);
      int starts = 0;
      for (int i = 0; i < times.length; i++) {
        if (i == 0 || times[i] - times[i - 1] > gapMillis) {
          times[starts++] = times[i];
        }
      }
      t.values = Arrays.copyOf(times, starts);
      t.size = starts;
      sessions += starts;
    }
    sealed = true;
  }

  /** Sessions cut, once sealed. */
  public long sessions() {
    return sessions;
  }

  /** The session of {@code user}'s event at {@code time}, which must have been added. */
  public String sessionId(String user, long time) {
    if (!sealed) {
      throw new IllegalStateException("sessions are not cut yet");
    }
    Times t = users.get(user);
    int i = t == null ? -1 : Arrays.binarySearch(t.values, 0, t.size, time);
    if (i < 0) {
      i = -i - 2;
    }
    if (t == null || i < 0) {
      throw new IllegalStateException("no session for user " + user + " at " + time + ": the time was never added");
    }
    return prefix + user + ":" + t.values[i];
  }
}
