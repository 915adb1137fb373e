package io.reco.ingest.clickstream;

import io.reco.schema.EventJson;
import io.reco.schema.InvalidRecordException;
import io.reco.schema.RecordJson;
import io.reco.schema.RejectReason;
import io.reco.schema.avro.InteractionEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Judges one Kafka message of the clickstream topic: a canonical event (see {@link EventJson}) whose event time is
 * plausible is kept byte for byte, as one JSON line; anything else is rejected with a reason.
 */
public final class ClickstreamMessage {
  /** Events stamped earlier than this (2000-01-01) are clock errors, not history. */
  static final long EARLIEST = 946_684_800_000L;
  /** How far ahead of the consumer's clock an event time may be before it is a clock error. */
  static final long MAX_CLOCK_SKEW = Duration.ofDays(1).toMillis();

  private ClickstreamMessage() {
  }

  /** A message judged: either an event with its line, or a rejection. */
  public record Verdict(long eventTime, byte[] line, RejectReason reason, String field, String message, String text) {
    /** Whether the message is kept. */
    public boolean accepted() {
      return reason == null;
    }
  }

  /**
   * Judges {@code value} as received at {@code now} (epoch millis). An accepted line ends with a newline; a message
   * spread over several lines is rewritten in canonical form, with the same content, so one line stays one event.
   */
  public static Verdict judge(byte[] value, long now) {
    if (value == null || value.length == 0) {
      return reject(RejectReason.MALFORMED_JSON, null, "empty message", "");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value)).toString();
    } catch (CharacterCodingException e) {
      return reject(RejectReason.MALFORMED_JSON, null, "not UTF-8 text", new String(value, StandardCharsets.UTF_8));
    }
    InteractionEvent event;
    try {
      event = EventJson.parse(text);
    } catch (InvalidRecordException e) {
      return reject(e.reason(), e.field(), e.getMessage(), text);
    }
    long time = event.getTimestamp();
    if (time < EARLIEST || time > now + MAX_CLOCK_SKEW) {
      return reject(RejectReason.INVALID_TIMESTAMP, "timestamp",
          "timestamp " + time + " is before 2000 or more than a day ahead of the consumer's clock", text);
    }
    byte[] line;
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      line = (RecordJson.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    } else {
      line = new byte[value.length + 1];
      System.arraycopy(value, 0, line, 0, value.length);
      line[value.length] = '\n';
    }
    return new Verdict(time, line, null, null, null, null);
  }

  private static Verdict reject(RejectReason reason, String field, String message, String text) {
    return new Verdict(0L, null, reason, field, message, text);
  }
}
