package io.reco.jobs.evaluate;

import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.mapred.FsInput;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Silver's events as sessions, for the session protocol: one visit is the events of one {@code session_id} (the
 * user's, when an event has none), in time order; its items are the items of those events with repeats in a row
 * dropped (clicking the same item twice is not a next item).
 */
final class SessionLog {
  /** One visit: its events in time order, and its items. */
  record Visit(String id, long start, List<InteractionEvent> events, List<String> items) {
  }

  private SessionLog() {
  }

  /** Every visit in the silver events under {@code silver}, by start time (ties by id). */
  static List<Visit> read(Configuration conf, Path silver) throws IOException {
    Map<String, List<InteractionEvent>> bySession = new HashMap<>();
    FileSystem fs = silver.getFileSystem(conf);
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(silver, true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (!file.getName().endsWith(".avro") || file.getName().startsWith(".") || file.getName().startsWith("_")) {
        continue;
      }
      try (DataFileReader<InteractionEvent> reader = new DataFileReader<>(new FsInput(file, conf),
          new SpecificDatumReader<>(InteractionEvent.class))) {
        for (InteractionEvent event : reader) {
          String session = event.getSessionId() == null ? "user:" + event.getUserId() : event.getSessionId();
          bySession.computeIfAbsent(session, s -> new ArrayList<>()).add(event);
        }
      }
    }
    Comparator<InteractionEvent> inTime = Comparator.comparingLong(InteractionEvent::getTimestamp)
        .thenComparing(InteractionEvent::getEventId);
    List<Visit> visits = new ArrayList<>(bySession.size());
    bySession.forEach((id, events) -> {
      events.sort(inTime);
      visits.add(new Visit(id, events.get(0).getTimestamp(), events, withoutRepeats(events.stream()
          .map(InteractionEvent::getProductId).toList())));
    });
    visits.sort(Comparator.comparingLong(Visit::start).thenComparing(Visit::id));
    return visits;
  }

  /** {@code items} without an item repeated right after itself. */
  static List<String> withoutRepeats(List<String> items) {
    List<String> out = new ArrayList<>(items.size());
    for (String item : items) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(item)) {
        out.add(item);
      }
    }
    return out;
  }
}
