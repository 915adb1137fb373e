package io.reco.schema;

/** Why an input record was rejected; the code written beside it in the quarantine. */
public enum RejectReason {
  /** Not parseable as a JSON object. */
  MALFORMED_JSON,
  /** A required field is absent, null or empty. */
  MISSING_FIELD,
  /** A field holds a value of the wrong type (text where a number belongs...). */
  WRONG_TYPE,
  /** An id holds control characters, which no id may contain. */
  INVALID_ID,
  /** {@code event_type} is not one of the known types. */
  UNKNOWN_EVENT_TYPE
}
