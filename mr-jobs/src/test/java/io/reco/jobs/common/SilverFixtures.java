package io.reco.jobs.common;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

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

  /** A minimal event. */
  public static InteractionEvent event(String id, String user, String product, EventType type, long time) {
    return InteractionEvent.newBuilder().setEventId(id).setUserId(user).setProductId(product).setEventType(type)
        .setTimestamp(time).setSessionId("s-" + user).build();
  }
}
