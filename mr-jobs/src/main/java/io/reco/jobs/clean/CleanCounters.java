package io.reco.jobs.clean;

/** What the clean-up counted; events read = clean + duplicates + conflicts + near duplicates + bot
 * events. */
public enum CleanCounters {
  /** Events read from validated silver. */
  EVENTS_READ,
  /** Events kept. */
  EVENTS_CLEAN,
  /** Events whose event_id another event of the user already has. */
  DUPLICATES,
  /** Events whose event_id events of other users have too: no copy is kept. */
  CONFLICTS,
  /** Events repeating the same product and type of the same user within the window. */
  NEAR_DUPLICATES,
  /** Events of users judged to be bots. */
  BOT_EVENTS,
  /** Users judged to be bots. */
  BOT_USERS
}
