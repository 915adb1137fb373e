package io.reco.jobs.together;

/** What the bought-together job saw: events read = purchases + other events. */
public enum TogetherCounters {
  /** Silver events read. */
  EVENTS_READ,
  /** Purchases among them: the only events a basket is made of. */
  PURCHASES,
  /** Events of other types, not used. */
  OTHER_EVENTS,
  /** Baskets: the purchases of one order, else of one session, else of one user's day. */
  BASKETS,
  /** Baskets grouped by their order id. */
  BASKETS_BY_ORDER,
  /** Baskets of purchases without an order id, grouped by user and session. */
  BASKETS_BY_SESSION,
  /** Baskets of purchases without an order or a session id, grouped by user and day (UTC). */
  BASKETS_BY_DAY,
  /** Baskets with more distinct items than {@code reco.together.max-basket}, sampled down with a fixed seed. */
  BASKETS_SAMPLED,
  /** Item pairs bought together in fewer baskets than {@code reco.together.min-support}, left out. */
  PAIRS_BELOW_SUPPORT,
  /** Item pairs with the support, but bought together no more often than chance, left out. */
  PAIRS_NOT_ASSOCIATED,
  /** Items written with at least one neighbour. */
  ITEMS_WITH_NEIGHBOURS
}
