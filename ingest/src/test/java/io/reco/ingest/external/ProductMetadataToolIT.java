package io.reco.ingest.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ingest.external.FakeMetadataApi.Reply;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull against a real HTTP server on 127.0.0.1 that pages, fails, stalls and garbles on cue. */
class ProductMetadataToolIT {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate TODAY = LocalDate.parse("2026-11-22");
  private static final String FILE = "product-metadata-20261122T100000Z.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String P1 = "/v1/metrics?page=1";
  private static final String P2 = "/v1/metrics?page=2";
  private static final String P3 = "/v1/metrics?page=3";
  private static final String P4 = "/v1/metrics?page=4";

  @TempDir
  java.nio.file.Path dir;
  private FakeMetadataApi api;
  private Configuration conf;
  private FileSystem fs;
  private RawZone zone;
  private final List<Long> delays = new ArrayList<>();
  private String output;

  @BeforeEach
  void setUp() throws Exception {
    api = new FakeMetadataApi();
    conf = new Configuration();
    fs = FileSystem.getLocal(conf);
    zone = new RawZone(fs.makeQualified(new Path(dir.resolve("raw").toUri())));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private int pull(String firstPage, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--url", firstPage, "--raw", zone.root().toString(),
        "--timeout-ms", "1500"));
    args.addAll(List.of(more));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ProductMetadataTool tool = new ProductMetadataTool(new PrintStream(printed, true, StandardCharsets.UTF_8),
        CLOCK, new Random(7), delays::add);
    tool.setConf(conf);
    try {
      return tool.run(args.toArray(new String[0]));
    } finally {
      output = printed.toString(StandardCharsets.UTF_8);
    }
  }

  private List<String> lines(Path file) throws Exception {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private List<java.nio.file.Path> filesUnderRaw() throws Exception {
    if (!Files.exists(dir.resolve("raw"))) {
      return List.of();
    }
    try (Stream<java.nio.file.Path> walk = Files.walk(dir.resolve("raw"))) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void pullsEveryPageThroughFailuresStallsAndGarbledBodies() throws Exception {
    api.on(P1, Reply.ok("{\"items\":[{\"product_id\":\"p1\",\"popularity\":0.8,\"sentiment\":0.3,\"trend\":\"rising\"},"
        + "{\"product_id\":\"p2\",\"popularity\":0.1,\"sentiment\":-0.2,\"trend\":\"falling\",\"source\":\"reviews\"}],"
        + "\"next\":\"/v1/metrics?page=2\"}"));
    api.on(P2, Reply.status(503, "{\"error\":\"busy\"}"),
        Reply.ok("{\"items\":[{\"product_id\":\"p3\",\"popularity\":0.5,\"sentiment\":0.0,\"trend\":\"flat\"},"
            + "{\"popularity\":0.5},"
            + "{\"product_id\":\" p4 \",\"popularity\":0.4,\"sentiment\":null,\"trend\":\"rising\"}],"
            + "\"next\":\"metrics?page=3\"}"));
    api.on(P3, Reply.stalled(),
        Reply.ok("{\"items\":[{\"product_id\":\"p5\",\"popularity\":0.9,\"sentiment\":0.7,\"trend\":\"rising\"},"
            + "{\"product_id\":\"p1\",\"popularity\":0.0}],\"next\":\"" + api.uri(P4) + "\"}"));
    api.on(P4, Reply.ok("{\"items\":[{\"product_id\":\"p6\""),
        Reply.ok("{\"items\":[{\"product_id\":\"p6\",\"popularity\":0.2,\"sentiment\":0.1,\"trend\":\"flat\"}],"
            + "\"next\":null}"));

    assertEquals(0, pull(api.uri(P1).toString()));

    assertEquals(Map.of(P1, 1, P2, 2, P3, 2, P4, 2), api.hits());
    assertEquals(3, delays.size(), delays.toString());
    assertTrue(delays.stream().allMatch(d -> d >= 0 && d <= 200), "one failure each: up to the 200 ms base "
        + delays);
    Path data = new Path(RawZone.datePartition(zone.external("product-metadata"), TODAY), FILE);
    assertEquals(List.of(
        "{\"product_id\":\"p1\",\"popularity\":0.8,\"sentiment\":0.3,\"trend\":\"rising\"}",
        "{\"product_id\":\"p2\",\"popularity\":0.1,\"sentiment\":-0.2,\"trend\":\"falling\",\"source\":\"reviews\"}",
        "{\"product_id\":\"p3\",\"popularity\":0.5,\"sentiment\":0.0,\"trend\":\"flat\"}",
        "{\"product_id\":\"p4\",\"popularity\":0.4,\"sentiment\":null,\"trend\":\"rising\"}",
        "{\"product_id\":\"p5\",\"popularity\":0.9,\"sentiment\":0.7,\"trend\":\"rising\"}",
        "{\"product_id\":\"p6\",\"popularity\":0.2,\"sentiment\":0.1,\"trend\":\"flat\"}"), lines(data));
    Manifest manifest = Manifest.read(fs, Manifest.pathOf(data));
    assertEquals("product-metadata", manifest.kind());
    assertEquals(6, manifest.records());
    assertEquals(Map.of("url", api.uri(P1).toString(), "pages", 4), manifest.source());

    Path quarantine = new Path(zone.quarantine("product-metadata", TODAY), FILE);
    List<JsonNode> rejects = new ArrayList<>();
    for (String line : lines(quarantine)) {
      rejects.add(JSON.readTree(line));
    }
    assertEquals("{\"reason\":\"MISSING_FIELD\",\"field\":\"product_id\",\"source\":\"" + api.uri(P2) + "#items[1]\","
        + "\"message\":\"item has no product_id\",\"record\":\"{\\\"popularity\\\":0.5}\"}", lines(quarantine).get(0));
    assertEquals("DUPLICATE_ID", rejects.get(1).get("reason").asText());
    assertEquals(api.uri(P3) + "#items[1]", rejects.get(1).get("source").asText());
    assertEquals("product_id 'p1' already came at " + api.uri(P1) + "#items[0], which is kept",
        rejects.get(1).get("message").asText());

    assertEquals("ingest-product-metadata: 4 pages (7 requests) from " + api.uri(P1) + ": 8 items read = 6 written + 2 "
        + "rejected (MISSING_FIELD 1, DUPLICATE_ID 1)\n"
        + "ingest-product-metadata: wrote " + data + "\n"
        + "ingest-product-metadata: 2 rejected items in " + quarantine + "\n", output);
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(2, report.verified());
    assertEquals(8, report.records());
    assertEquals(0, report.inProgress());
  }

  @Test
  void aPageThatKeepsFailingCommitsNothing() throws Exception {
    api.on(P1, Reply.ok("{\"items\":[{\"product_id\":\"p1\"},{\"trend\":\"up\"}],\"next\":\"?page=2\"}"));
    api.on(P2, Reply.status(503, "{\"error\": \"down for\n maintenance\"}"));

    PullFailedException e = assertThrows(PullFailedException.class, () -> pull(api.uri(P1).toString()));

    assertEquals("ingest-product-metadata: page " + api.uri(P2) + " failed after 3 attempts: HTTP 503: "
        + "{\"error\": \"down "
        + "for maintenance\"}; nothing committed", e.getMessage());
    assertEquals(Map.of(P1, 1, P2, 3), api.hits());
    assertEquals(2, delays.size());
    assertTrue(delays.get(0) <= 200 && delays.get(1) <= 400, delays.toString());
    assertEquals(List.of(), filesUnderRaw());
    assertEquals("", output);
  }

  @Test
  void timeoutsAndMalformedBodiesAreRetriedToTheLastAttempt() throws Exception {
    api.on(P1, Reply.stalled(), Reply.ok("{\"items\":[{\"product_id\":\"p1\""), Reply.ok("not json at all"));

    PullFailedException e = assertThrows(PullFailedException.class, () -> pull(api.uri(P1).toString()));

    assertEquals("ingest-product-metadata: page " + api.uri(P1) + " failed after 3 attempts: malformed body: not JSON: "
        + "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or t...; nothing committed",
        e.getMessage());
    assertEquals(Map.of(P1, 3), api.hits());
    assertEquals(List.of(), filesUnderRaw());

    api.on(P2, Reply.stalled());
    PullFailedException timeout = assertThrows(PullFailedException.class,
        () -> pull(api.uri(P2).toString(), "--attempts", "1", "--timeout-ms", "300"));
    assertEquals("ingest-product-metadata: page " + api.uri(P2) + " failed after 1 attempt: no complete "
        + "response within "
        + "300 ms; nothing committed", timeout.getMessage());
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    api.on(P1, Reply.status(404, "{\"error\":\"unknown endpoint\"}"));
    PullFailedException e = assertThrows(PullFailedException.class, () -> pull(api.uri(P1).toString()));
    assertEquals("ingest-product-metadata: page " + api.uri(P1) + " failed after 1 attempt: HTTP 404: "
        + "{\"error\":\"unknown endpoint\"} (not retried); nothing committed", e.getMessage());
    assertEquals(Map.of(P1, 1), api.hits());
    assertEquals(List.of(), delays);
    assertEquals(List.of(), filesUnderRaw());
  }

  @Test
  void tooManyRequestsWaitAsLongAsTheServerAsksUpToTheCap() throws Exception {
    conf.setLong(ProductMetadataTool.RETRY_AFTER_CAP_MS, 5_000);
    api.on(P1, Reply.status(429, "").retryAfter("2"), Reply.status(429, "").retryAfter("3600"),
        Reply.ok("{\"items\":[{\"product_id\":\"p1\",\"popularity\":1}]}"));

    assertEquals(0, pull(api.uri(P1).toString()));

    assertEquals(List.of(2_000L, 5_000L), delays);
    assertEquals(Map.of(P1, 3), api.hits());
    assertTrue(output.startsWith("ingest-product-metadata: 1 page (3 requests) from " + api.uri(P1)
        + ": 1 items read = 1 written + 0 rejected\n"), output);
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(1, report.verified());
  }

  @Test
  void connectionErrorsAreRetried() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + P1;
    PullFailedException e = assertThrows(PullFailedException.class, () -> pull(url, "--attempts", "2"));
    assertTrue(e.getMessage().startsWith("ingest-product-metadata: page " + url + " failed after 2 attempts: "
        + "ConnectException"), e.getMessage());
    assertEquals(1, delays.size());
    assertEquals(List.of(), filesUnderRaw());
  }

  @Test
  void paginationMustNotLoopNorLeaveTheServer() throws Exception {
    api.on(P1, Reply.ok("{\"items\":[{\"product_id\":\"p1\"}],\"next\":\"?page=2\"}"));
    api.on(P2, Reply.ok("{\"items\":[{\"product_id\":\"p2\"}],\"next\":\"./metrics?page=1\"}"));
    PullFailedException loop = assertThrows(PullFailedException.class, () -> pull(api.uri(P1).toString()));
    assertEquals("ingest-product-metadata: page " + api.uri(P2) + " links back to " + api.uri(P1) + ", fetched "
        + "already: "
        + "the pagination loops; nothing committed", loop.getMessage());
    assertEquals(Map.of(P1, 1, P2, 1), api.hits());

    api.on(P3, Reply.ok("{\"items\":[],\"next\":\"http://localhost:" + api.uri(P1).getPort() + P4 + "\"}"));
    PullFailedException away = assertThrows(PullFailedException.class, () -> pull(api.uri(P3).toString()));
    assertEquals("ingest-product-metadata: page " + api.uri(P3) + " links to http://localhost:" + api.uri(P1).getPort()
        + P4 + ", away from http://127.0.0.1:" + api.uri(P1).getPort() + "; nothing committed", away.getMessage());

    conf.setInt(ProductMetadataTool.MAX_PAGES, 1);
    PullFailedException tooMany = assertThrows(PullFailedException.class, () -> pull(api.uri(P1).toString()));
    assertEquals("ingest-product-metadata: more than reco.ingest.product-metadata.max-pages=1 pages; stopped before "
        + api.uri(P2) + "; nothing committed", tooMany.getMessage());
    assertEquals(List.of(), filesUnderRaw());
  }

  @Test
  void argumentsAreChecked() {
    IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
        () -> pull("ftp://127.0.0.1/metrics"));
    assertEquals("ingest-product-metadata: --url must be an absolute http or https URL, was 'ftp://127.0.0.1/metrics'",
        scheme.getMessage());
    IllegalArgumentException attempts = assertThrows(IllegalArgumentException.class,
        () -> pull(api.uri(P1).toString(), "--attempts", "0"));
    assertEquals("ingest-product-metadata: --timeout-ms and --attempts must be 1 or more, were 1500 and 0",
        attempts.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new ProductMetadataTool().run(new String[] {"--raw", "r"}));
    assertEquals("ingest-product-metadata: Missing required option: '--url=<url>' (see --help)", missing.getMessage());
  }
}
