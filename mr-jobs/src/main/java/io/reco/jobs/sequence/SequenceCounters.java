package io.reco.jobs.sequence;

/** What the sequence job saw. */
public enum SequenceCounters {
  /** Users (or anonymous sessions) read. */
  USERS,
  /** Users with more items than {@code reco.similar.max-prefs}, of whom only the newest were kept. */
  USERS_TRUNCATED,
  /** Rules (item, a later item) emitted before summing. */
  RULES,
  /** Items written with at least one successor. */
  ITEMS_WITH_NEIGHBOURS
}
