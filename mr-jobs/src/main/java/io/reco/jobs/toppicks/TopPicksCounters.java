package io.reco.jobs.toppicks;

/** What the top-picks job saw. */
public enum TopPicksCounters {
  /** Users with a history. */
  USERS,
  /** Of those, users active within {@code reco.ranking.precompute-active-days}. */
  ACTIVE_USERS,
  /** Active users whose picks were written (those with personal picks). */
  PRECOMPUTED,
  /** Seed items looked up, over all active users. */
  SEEDS
}
