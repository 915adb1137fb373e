package io.reco.ingest.clickstream;

import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Canonical test events on a topic, and the committed lines they became in the raw zone. */
final class ClickstreamFixture {
  /** Events start at this hour. */
  static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

  private ClickstreamFixture() {
  }

  /** Event {@code i}: id {@code e<i>}, spread over {@code hours} hours from {@link #T0}. */
  static String event(int i, int hours) {
    long time = T0 + (i * 7919L % hours) * 3_600_000L + i % 3_600_000L;
    return "{\"event_id\":\"e" + i + "\",\"user_id\":\"u" + (i % 97) + "\",\"product_id\":\"p" + (i % 31)
        + "\",\"event_type\":\"view\",\"timestamp\":" + time + ",\"session_id\":\"s" + (i % 97) + "\"}";
  }

  /** Sends {@code values} to {@code topic}, keyed round-robin over partitions, and waits for every ack. */
  static void produce(String bootstrap, String topic, List<byte[]> values) throws Exception {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> producer =
             new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      int i = 0;
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, ("k" + i++).getBytes(StandardCharsets.UTF_8), value));
      }
      producer.flush();
    }
  }

  /** Every line of every committed (manifested) data file under {@code dir}. */
  static List<String> committedLines(FileSystem fs, Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!fs.exists(dir)) {
      return lines;
    }
    for (FileStatus status : fs.listStatus(dir, RawFiles.VISIBLE)) {
      Path path = status.getPath();
      if (status.isDirectory()) {
        lines.addAll(committedLines(fs, path));
      } else if (RawFiles.DATA.accept(path) && fs.exists(Manifest.pathOf(path))) {
        InputStream in = fs.open(path);
        if (path.getName().endsWith(".gz")) {
          in = new GZIPInputStream(in);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          reader.lines().forEach(lines::add);
        }
      }
    }
    return lines;
  }

  /** The {@code event_id} of a canonical line. */
  static String eventId(String line) {
    int start = line.indexOf("\"event_id\":\"") + 12;
    return line.substring(start, line.indexOf('"', start));
  }
}
