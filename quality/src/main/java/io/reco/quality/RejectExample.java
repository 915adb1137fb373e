package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One rejected record, as the quarantine holds it.
 *
 * @param field the field at fault, or null where the record as a whole is
 * @param position where it came from: {@code file:offset}, {@code event_id ...}
 * @param message why it was rejected
 * @param record the record as read, cut to a readable length
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RejectExample(String field, String position, String message, String record) {
}
