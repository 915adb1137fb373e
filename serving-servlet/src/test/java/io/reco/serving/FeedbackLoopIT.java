package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ingest.clickstream.ClickstreamIngestTool;
import io.reco.kafka.EmbeddedKafka;
import io.reco.schema.ModelRegistry;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.RowKeys;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import io.reco.testing.SharedHBase;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.util.ToolRunner;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback loop online: the service answers and takes a click while its Kafka broker is down, so both go to
 * the spool; the broker comes up on the address the service was given and the spool drains into the clickstream
 * topic, beside an answer logged directly and the shop's purchase; the clickstream consumer lands them all in the
 * raw zone, each once. (What the jobs make of such a raw zone: {@code FeedbackFromRawTest} in mr-jobs.)
 */
class FeedbackLoopIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String VERSION = "v-feedback";
  private static final String TOPIC = ClickstreamIngestTool.DEFAULT_TOPIC;

  @TempDir
  Path dir;
  private String base;

  private JsonNode send(HttpRequest.Builder request, int status) throws Exception {
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)), 200);
  }

  private JsonNode click(String body, int status) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + "/v1/feedback")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), status);
  }

  private long spooledLines() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
      long lines = 0;
      for (Path file : files.toList()) {
        lines += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
      }
      return lines;
    }
  }

  private static String item(JsonNode answer, int i) {
    return answer.get("items").get(i).get("id").asText();
  }

  @Test
  void feedbackSurvivesAKafkaOutageAndLandsInTheRawZoneThroughTheClickstreamConsumer() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Connection hbase = SharedHBase.connection();
    ModelRegistry registry = new ModelRegistry(hbase);
    registry.register(VERSION, Instant.now());
    try (Table table = hbase.getTable(RecoTables.POPULAR.tableName())) {
      table.put(new Put(RowKeys.of(PopularLists.GLOBAL)).add(ScoredLists.cell(RecoTables.POPULAR,
          PopularLists.GLOBAL, VERSION, List.of(new ScoredItem("p1", 4.0), new ScoredItem("p2", 3.0),
              new ScoredItem("p3", 2.0), new ScoredItem("p4", 1.0)))));
    }
    registry.activate(VERSION);
    Configuration conf = SharedHBase.configuration();
    conf.setLong(RecoServer.MODEL_REFRESH_MS, 0);
    conf.set("reco.feedback.bootstrap-servers", "localhost:" + port);
    conf.set("reco.feedback.spool-dir", dir.resolve("spool").toString());
    conf.setLong("reco.feedback.retry-ms", 300);
    conf.setLong("reco.feedback.kafka-timeout-ms", 1000);

    JsonNode down;
    JsonNode up;
    // the broker runs from the start, but the port it advertises reaches it only while the forwarder runs
    EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), port);
    Forwarder reachable = null;
    try (RecoServer server = RecoServer.start(conf, "127.0.0.1", 0)) {
      base = "http://127.0.0.1:" + server.port();
      // no broker on the port yet: the answer and its click wait in the spool
      down = get("/v1/popular?k=3&user_id=u1");
      String requestId = down.get("request_id").asText();
      assertEquals(List.of("p1", "p2", "p3"), List.of(item(down, 0), item(down, 1), item(down, 2)));
      JsonNode logged = click("{\"request_id\":\"" + requestId + "\",\"item_id\":\"p2\",\"user_id\":\"u1\"}", 200);
      assertEquals("click", logged.get("logged").asText());
      assertTrue(click("{\"request_id\":\"" + requestId + "\"}", 400).get("error").asText().contains("item_id"));
      assertTrue(click("{\"request_id\":\"r\",\"item_id\":\"p2\",\"type\":\"purchase\"}", 400).get("error")
          .asText().contains("type"));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> spooledLines() == 4);

      reachable = new Forwarder(port, kafka.listenerAddress());
      kafka.createTopic(TOPIC, 2);
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> spooledLines() == 0);
      up = get("/v1/popular?k=2&offset=1&user_id=u2");
      String bought = "{\"event_id\":\"order-1\",\"user_id\":\"u1\",\"product_id\":\"p2\",\"event_type\":"
          + "\"purchase\",\"timestamp\":" + (System.currentTimeMillis() + 1000) + ",\"session_id\":\"s1\"}";
      try (KafkaProducer<byte[], byte[]> shop = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
        shop.send(new ProducerRecord<>(TOPIC, "u1".getBytes(StandardCharsets.UTF_8),
            bought.getBytes(StandardCharsets.UTF_8))).get();
      }
    } // closing waits for the last answer's impressions to be acknowledged

    try {
      Path raw = dir.resolve("raw");
      assertEquals(0, ToolRunner.run(new Configuration(), new ClickstreamIngestTool(new PrintStream(
          java.io.OutputStream.nullOutputStream()), io.reco.ingest.clickstream.ClickstreamConsumer.NONE),
          new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--raw", raw.toString(), "--topic", TOPIC,
              "--max-idle-ms", "3000", "--batch-ms", "500"}));
      List<String> landed = new ArrayList<>();
      try (Stream<Path> files = Files.walk(raw.resolve("clickstream"))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
          for (String line : Files.readAllLines(file)) {
            JsonNode event = JSON.readTree(line);
            landed.add(event.get("event_id").asText());
            if ("impression".equals(event.get("event_type").asText())) {
              JsonNode m = event.get("metadata");
              assertEquals(List.of(VERSION, "none", "popular"), List.of(m.get("model").asText(),
                  m.get("variant").asText(), event.get("page_context").asText()), line);
            }
          }
        }
      }
      String first = down.get("request_id").asText();
      String second = up.get("request_id").asText();
      assertEquals(List.of(first + "-1", first + "-2", first + "-3", first + "-click-p2", "order-1", second + "-2",
          second + "-3").stream().sorted().toList(), landed.stream().sorted().toList(),
          "every event once: the spooled ones, the direct ones, the shop's");

    } finally {
      if (reachable != null) {
        reachable.close();
      }
      kafka.close();
    }
  }

  /** Forwards {@code localhost:port} to the broker: clients told of the port reach it exactly while this runs. */
  private static final class Forwarder implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    Forwarder(int port, String target) throws IOException {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      String[] hostPort = target.split(":");
      threads.submit(() -> {
        while (!server.isClosed()) {
          Socket in = server.accept();
          Socket out = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
          pump(in, out);
          pump(out, in);
        }
        return null;
      });
    }

    private void pump(Socket from, Socket to) {
      threads.submit(() -> {
        try (from; to) {
          from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
          // one side closed: so does the other
        }
        return null;
      });
    }

    @Override
    public void close() throws IOException {
      server.close();
      threads.shutdownNow();
    }
  }
}
