package io.reco.ingest.clickstream;

import io.reco.records.EventJson;
import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import java.nio.charset.StandardCharsets;

/**
 * Judges one Kafka message of the clickstream topic: a canonical event (see {@link EventJson}) that meets the
 * {@link EventRules} is kept byte for byte, as one JSON line; anything else is rejected with a reason.
 */
public final class ClickstreamMessage {
  private ClickstreamMessage() {
  }

  /** A message judged: either an event with its line, or a rejection. */
  public record Verdict(long eventTime, byte[] line, RejectReason reason, String field, String message, byte[] raw) {
    /** Whether the message is kept. */
    public boolean accepted() {
      return reason == null;
    }
  }

  /**
   * Judges {@code value} by {@code rules} as they stand at the consumer's clock. An accepted line ends with a
   * newline; a message spread over several lines is rewritten in canonical form, with the same content, so one line
   * stays one event.
   */
  public static Verdict judge(byte[] value, EventJson.Parser parser, EventRules.Window rules) {
    if (value == null || value.length == 0) {
      return reject(RejectReason.MALFORMED_JSON, null, "empty message", new byte[0]);
    }
    InteractionEvent event;
    try {
      event = parser.parse(value);
      rules.check(event);
    } catch (InvalidRecordException e) {
      return reject(e.reason(), e.field(), e.getMessage(), value);
    }
    long time = event.getTimestamp();
    byte[] line;
    if (hasLineBreak(value)) {
      line = (RecordJson.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    } else {
      line = new byte[value.length + 1];
      System.arraycopy(value, 0, line, 0, value.length);
      line[value.length] = '\n';
    }
    return new Verdict(time, line, null, null, null, null);
  }

  private static boolean hasLineBreak(byte[] value) {
    for (byte b : value) {
      if (b == '\n' || b == '\r') {
        return true;
      }
    }
    return false;
  }

  private static Verdict reject(RejectReason reason, String field, String message, byte[] raw) {
    return new Verdict(0L, null, reason, field, message, raw);
  }
}
