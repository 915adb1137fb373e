package io.reco.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.reco.jobs.common.LocalJobs;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Clean's memory does not grow with a user's history: one bot with 2,000,000 events (as a list of Avro records,
 * well over a gigabyte) is cleaned on LocalJobRunner in a JVM of {@value #HEAP}, forked because LocalJobRunner runs
 * its tasks in the JVM that submits the job. The bot's events arrive out of time order and all end in
 * {@code bots/}; the other users' events are clean.
 */
class CleanBoundedMemoryIT {
  private static final String HEAP = "-Xmx256m";
  private static final int BOT_EVENTS = 2_000_000;
  private static final int SHOPPERS = 1_000;
  private static final int EVENTS_PER_SHOPPER = 5;
  private static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
  /** Guards against a hung child only; how long the run takes is the benchmark's business, not a test's. */
  private static final long CHILD_TIMEOUT_MINUTES = 15;

  @TempDir
  Path dir;

  @Test
  void aUserWithTwoMillionEventsIsCleanedInASmallHeap() throws Exception {
    Path input = dir.resolve("validated");
    Set<String> shopperEvents = writeInput(input.resolve("dt=2026-11-20"));
    Path output = dir.resolve("clean");
    Path log = dir.resolve("child.log");

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), HEAP));
    command.addAll(openedPackages());
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")), CleanBoundedMemoryIT.class.getName(), input.toString(),
        output.toString(), dir.resolve("scratch").toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!exited) {
      child.destroyForcibly().waitFor();
    }
    List<String> printed = Files.readAllLines(log);
    String tail = String.join("\n", printed.subList(Math.max(0, printed.size() - 40), printed.size()));
    assertTrue(exited, "the clean run did not end in " + CHILD_TIMEOUT_MINUTES + " minutes:\n" + tail);
    assertEquals(0, child.exitValue(), "the clean run failed:\n" + tail);
    printed.stream().filter(l -> l.startsWith("clean") || l.startsWith("heap")).forEach(System.out::println);

    int shoppers = SHOPPERS * EVENTS_PER_SHOPPER;
    assertTrue(printed.contains("clean: read " + (BOT_EVENTS + shoppers) + " events: " + shoppers
        + " clean, 0 duplicates, 0 conflicting ids, 0 near duplicates, " + BOT_EVENTS + " from 1 bot users"), tail);
    assertEquals(BOT_EVENTS, countLines(output.resolve("bots")), "every event of the bot in bots/");
    assertEquals(shopperEvents, silverIds(output.resolve("silver")), "every shopper's event, and only theirs");
  }

  /**
   * Writes the bot's events, out of time order (ten a second for 5.5 hours), and the shoppers' (five each, ten
   * minutes apart); returns the ids of the shoppers' events.
   */
  private static Set<String> writeInput(Path day) throws IOException {
    Files.createDirectories(day);
    Set<String> shopperEvents = new HashSet<>();
    try (DataFileWriter<InteractionEvent> out =
             new DataFileWriter<>(new SpecificDatumWriter<>(InteractionEvent.class))) {
      out.create(InteractionEvent.getClassSchema(), day.resolve("part-m-00000.avro").toFile());
      InteractionEvent.Builder event = InteractionEvent.newBuilder().setSessionId("s");
      for (long j = 0; j < BOT_EVENTS; j++) {
        long i = j * 7_919 % BOT_EVENTS; // a stride prime to the count: every i once, scattered in time
        out.append(event.setEventId("b" + i).setUserId("bot").setProductId("p" + i % 1_000)
            .setEventType(i % 3 == 0 ? EventType.view : EventType.click).setTimestamp(T0 + i * 10).build());
      }
      for (int s = 0; s < SHOPPERS; s++) {
        for (int k = 0; k < EVENTS_PER_SHOPPER; k++) {
          String id = "u" + s + "-" + k;
          shopperEvents.add(id);
          out.append(event.setEventId(id).setUserId("u" + s).setProductId("p" + k).setEventType(EventType.view)
              .setTimestamp(T0 + k * 600_000L).build());
        }
      }
    }
    return shopperEvents;
  }

  /** The {@code --add-opens} flags this JVM was started with, which Hadoop needs on JDK 17. */
  private static List<String> openedPackages() {
    List<String> flags = new ArrayList<>();
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--add-opens=")) {
        flags.add(arg);
      } else if (arg.equals("--add-opens") && i + 1 < args.size()) {
        flags.add(arg + "=" + args.get(++i));
      }
    }
    return flags;
  }

  private static long countLines(Path dir) throws IOException {
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (Stream<Path> files = Files.list(dir)) {
      for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part")).toList()) {
        try (InputStream in = Files.newInputStream(part)) {
          for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            for (int b = 0; b < n; b++) {
              lines += buffer[b] == '\n' ? 1 : 0;
            }
          }
        }
      }
    }
    return lines;
  }

  private static Set<String> silverIds(Path silver) throws IOException {
    Set<String> ids = new HashSet<>();
    try (Stream<Path> walk = Files.walk(silver)) {
      for (Path file : walk.filter(p -> p.getFileName().toString().endsWith(".avro")).toList()) {
        try (DataFileReader<InteractionEvent> reader =
                 new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(InteractionEvent.class))) {
          reader.forEach(e -> ids.add(e.getEventId()));
        }
      }
    }
    return ids;
  }

  /** The most heap in use just after a garbage collection, since now: what the run really holds. */
  private static AtomicLong liveHeapAfterEachCollection() {
    Set<String> heap = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heap.add(pool.getName());
      }
    }
    AtomicLong most = new AtomicLong();
    NotificationListener listener = (notification, handback) -> {
      if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : GarbageCollectionNotificationInfo
            .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc().entrySet()) {
          used += heap.contains(pool.getKey()) ? pool.getValue().getUsed() : 0;
        }
        most.accumulateAndGet(used, Math::max);
      }
    };
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
    }
    return most;
  }

  /**
   * The forked JVM: cleans {@code args[0]} into {@code args[1]} on LocalJobRunner with scratch space under
   * {@code args[2]}, prints the result as the CLI does, the heap used and the time taken, and exits 0; 1 if it fails.
   */
  public static void main(String[] args) {
    try {
      AtomicLong live = liveHeapAfterEachCollection();
      Configuration conf = LocalJobs.configure(new Configuration(), Path.of(args[2]));
      long start = System.nanoTime();
      CleanJob.Result result = CleanJob.run(conf, new org.apache.hadoop.fs.Path(Path.of(args[0]).toUri()),
          new org.apache.hadoop.fs.Path(Path.of(args[1]).toUri()));
      double seconds = (System.nanoTime() - start) / 1e9;
      CleanJob.print(System.out, result);
      System.out.printf("heap: at most %d MB live after a collection, of %d MB; clean took %.1f s%n",
          live.get() >> 20, Runtime.getRuntime().maxMemory() >> 20, seconds);
    } catch (Throwable e) { // an OutOfMemoryError too: it is what this JVM is here to catch
      LoggerFactory.getLogger(CleanBoundedMemoryIT.class).error("clean failed with " + HEAP, e);
      System.exit(1);
    }
    System.exit(0); // LocalJobRunner's threads must not keep this JVM alive
  }
}
