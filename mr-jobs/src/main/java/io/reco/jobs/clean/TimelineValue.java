package io.reco.jobs.clean;

import io.reco.records.avro.InteractionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.io.BytesWritable;

/**
 * The values of the timelines pass, in one shuffle: an event's bare time (one byte saying time or view, then the
 * time) or the event itself (one byte, then its Avro binary form, which costs a fraction of JSON to write and read).
 * Not thread-safe: one per task.
 */
final class TimelineValue {
  /** A time that is not a view's. */
  static final byte TIME = 'T';
  /** The time of a view. */
  static final byte VIEW = 'V';
  /** An event. */
  static final byte EVENT = 'E';

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private final SpecificDatumWriter<InteractionEvent> writer = new SpecificDatumWriter<>(InteractionEvent.class);
  private final SpecificDatumReader<InteractionEvent> reader = new SpecificDatumReader<>(InteractionEvent.class);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  /** Sets {@code value} to the bare time of {@code event}. */
  void time(BytesWritable value, long time, boolean view) {
    byte[] bytes = new byte[9];
    bytes[0] = view ? VIEW : TIME;
    for (int i = 0; i < 8; i++) {
      bytes[1 + i] = (byte) (time >>> (56 - 8 * i));
    }
    value.set(bytes, 0, bytes.length);
  }

  /** Sets {@code value} to {@code event}. */
  void event(BytesWritable value, InteractionEvent event) {
    buffer.reset();
    buffer.write(EVENT);
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      writer.write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("an event always encodes", e);
    }
    value.set(buffer.toByteArray(), 0, buffer.size());
  }

  /** What {@code value} holds: {@link #TIME}, {@link #VIEW} or {@link #EVENT}. */
  static byte kind(BytesWritable value) {
    return value.getBytes()[0];
  }

  /** The time a {@link #TIME} or {@link #VIEW} value holds. */
  static long timeOf(BytesWritable value) {
    byte[] bytes = value.getBytes();
    long time = 0;
    for (int i = 1; i <= 8; i++) {
      time = (time << 8) | (bytes[i] & 0xFF);
    }
    return time;
  }

  /** The event an {@link #EVENT} value holds, a new record each time (the near-duplicate window keeps some). */
  InteractionEvent eventOf(BytesWritable value) throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(value.getBytes(), 1, value.getLength() - 1, decoder);
    return reader.read(null, decoder);
  }
}
