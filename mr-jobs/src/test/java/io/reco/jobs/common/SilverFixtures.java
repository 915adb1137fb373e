package io.reco.jobs.common;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Silver events written as the jobs leave them, for tests of the jobs that read silver. */
public final class SilverFixtures {
  private SilverFixtures() {
  }

  /** Writes {@code events} to the Avro file {@code file}, creating its directories. */
  public static void write(Path file, List<InteractionEvent> events) throws IOException {
    Files.createDirectories(file.getParent());
    try (DataFileWriter<InteractionEvent> out =
             new DataFileWriter<>(new SpecificDatumWriter<>(InteractionEvent.class))) {
      out.create(InteractionEvent.getClassSchema(), file.toFile());
      for (InteractionEvent e : events) {
        out.append(e);
      }
    }
  }

  /** Writes any records of one type to the Avro file {@code file}, creating its directories. */
  public static <T extends SpecificRecord> void writeRecords(Path file, List<T> records) throws IOException {
    Files.createDirectories(file.getParent());
    try (DataFileWriter<T> out = new DataFileWriter<>(new SpecificDatumWriter<>(records.get(0).getSchema()))) {
      out.create(records.get(0).getSchema(), file.toFile());
      for (T r : records) {
        out.append(r);
      }
    }
  }

  /** Every record of {@code type} in the Avro files under {@code dir}, at any depth, in path order. */
  public static <T extends SpecificRecord> List<T> read(Path dir, Class<T> type) throws IOException {
    List<T> out = new ArrayList<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".avro")).sorted().toList()) {
        try (DataFileReader<T> reader = new DataFileReader<>(f.toFile(), new SpecificDatumReader<>(type))) {
          reader.forEach(out::add);
        }
      }
    }
    return out;
  }

  /** A Hadoop path of a local one. */
  public static org.apache.hadoop.fs.Path hadoop(Path local) {
    return new org.apache.hadoop.fs.Path(local.toUri());
  }

  /** A minimal event. */
  public static InteractionEvent event(String id, String user, String product, EventType type, long time) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId(user).setProductId(product).setEventType(type)
        .setTimestamp(time).setSessionId("s-" + user).build();
  }
}
