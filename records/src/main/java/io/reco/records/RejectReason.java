package io.reco.records;

/** Why an input record was rejected; the code written beside it in the quarantine. */
public enum RejectReason {
  /** Not parseable as a JSON object. */
  MALFORMED_JSON,
  /** A required field is absent, null or empty. */
  MISSING_FIELD,
  /** A field holds a value of the wrong type (text where a number belongs...). */
  WRONG_TYPE,
  /**
   * An id holds a character no id may contain: a control, bidi control or zero-width character, U+FFFD (the mark
   * of a lossy decode upstream) or an unpaired surrogate; each would make it look like, or collide with, another.
   */
  INVALID_ID,
  /** {@code event_type} is not one of the known types. */
  UNKNOWN_EVENT_TYPE,
  /** A timestamp that cannot be parsed, or lies outside any plausible range. */
  INVALID_TIMESTAMP,
  /** A value of the right type but not allowed: a negative price, a zero quantity, an unknown status. */
  INVALID_VALUE,
  /** A CSV row with more or fewer columns than its header. */
  WRONG_COLUMN_COUNT,
  /** A second record with an id already seen in the same export or pull; the first one is kept. */
  DUPLICATE_ID,
  /** An id that refers to nothing: a product missing from the catalog snapshot. */
  UNKNOWN_REFERENCE,
  /** The same product and event type again from the same user within the near-duplicate window. */
  NEAR_DUPLICATE,
  /** An event of a user whose behaviour is a bot's (bursts, rapid views): all that user's events. */
  BOT,
  /** A record beyond a bound of what reading one may cost: line length, nesting depth, a number or text length. */
  LIMIT_EXCEEDED,
  /** A key given twice in one object: which value was meant is unknown. */
  DUPLICATE_KEY,
  /** Bytes that are not well-formed UTF-8 (overlong forms, encoded surrogates, truncated sequences...). */
  INVALID_ENCODING,
  /** The same event_id on events of two or more users: no copy can be trusted to be the real one. */
  CONFLICTING_ID,
  /** An older version of a row, replaced or deleted by a later change from the shop's database. */
  SUPERSEDED
}
