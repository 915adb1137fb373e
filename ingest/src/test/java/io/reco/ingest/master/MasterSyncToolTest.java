package io.reco.ingest.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ingest.raw.RawVerifier;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawZone;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.log4j.PatternLayout;
import org.apache.log4j.WriterAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterSyncToolTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate TODAY = LocalDate.parse("2026-11-22");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ADDRESSES = List.of("alice.smith@example.com", "bob@example.org",
      "carol@example.net", "dave@example.com", "erin@example.com", "frank@example.com", "frank.backup@example.com",
      "grace@example.com", "heidi@example.com", "ivan@example.com", "judy@example.com", "mallory@example.com",
      "oscar@example.com", "peggy@example.com", "trent@example.com", "victor@example.com");

  @TempDir
  java.nio.file.Path dir;
  private Configuration conf;
  private FileSystem fs;
  private RawZone zone;
  private String output;

  @BeforeEach
  void setUp() throws Exception {
    conf = new Configuration();
    fs = FileSystem.getLocal(conf);
    zone = new RawZone(fs.makeQualified(new Path(dir.resolve("raw").toUri())));
  }

  private java.nio.file.Path fixture(String name) throws Exception {
    java.nio.file.Path target = dir.resolve("exports").resolve(name);
    Files.createDirectories(target.getParent());
    try (InputStream in = getClass().getResourceAsStream("/master/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  private java.nio.file.Path export(String name, String text) throws Exception {
    java.nio.file.Path target = Files.createTempDirectory(dir, "export").resolve(name);
    Files.writeString(target, text);
    return target;
  }

  private int run(String... args) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MasterSyncTool tool = new MasterSyncTool(new PrintStream(printed, true, StandardCharsets.UTF_8), CLOCK);
    tool.setConf(conf);
    try {
      return tool.run(args);
    } finally {
      output = printed.toString(StandardCharsets.UTF_8);
    }
  }

  private int sync(String entity, java.nio.file.Path input, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--entity", entity, "--input", input.toString(), "--raw",
        zone.root().toString()));
    args.addAll(Arrays.asList(more));
    return run(args.toArray(new String[0]));
  }

  private List<String> lines(Path file) throws Exception {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private List<JsonNode> quarantine(String entity, LocalDate date) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines(new Path(zone.quarantine(entity, date), entity + ".jsonl"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static List<String> field(List<JsonNode> nodes, String name) {
    return nodes.stream().map(n -> n.get(name).isNull() ? null : n.get(name).asText()).toList();
  }

  private static String md5(java.nio.file.Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }

  private List<String> visibleEntries(Path parent) throws Exception {
    return Arrays.stream(fs.listStatus(parent)).map(s -> s.getPath().getName()).filter(n -> !n.startsWith("."))
        .sorted().toList();
  }

  private void assertVerifies() throws Exception {
    RawVerifier.Report report = RawVerifier.verify(fs, zone.root());
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(0, report.inProgress());
  }

  private String hash(String address) {
    return new EmailHasher(EmailHasherTest.KEY.getBytes(StandardCharsets.UTF_8)).hash(address);
  }

  @Test
  void aCatalogExportBecomesTodaysSnapshot() throws Exception {
    java.nio.file.Path input = fixture("catalog.csv");
    assertEquals(0, sync("catalog", input));

    Path snapshot = zone.snapshot("catalog", TODAY);
    assertEquals(List.of(
        "{\"product_id\":\"p1\",\"name\":\"Trail Shoe\",\"category\":\"shoes\",\"subcategory\":\"running\","
            + "\"brand\":\"Acme\",\"price\":89.9,\"description\":\"Light, grippy\",\"attributes\":{},\"num_reviews\":0,"
            + "\"created_at\":1709288100000,\"is_active\":true,\"in_stock\":true}",
        "{\"product_id\":\"p2\",\"name\":\"Rain Jacket\",\"category\":\"apparel\",\"brand\":\"Nimbus\",\"price\":120.0,"
            + "\"description\":\"Two-layer shell\\nwith taped seams\",\"attributes\":{},\"num_reviews\":0,"
            + "\"created_at\":1709288100000,\"is_active\":true,\"in_stock\":false}",
        "{\"product_id\":\"p3\",\"name\":\"Water Bottle\",\"category\":\"accessories\",\"price\":12.5,"
            + "\"attributes\":{},\"num_reviews\":0,\"created_at\":1709251200000,\"is_active\":false,\"in_stock\":true}",
        "{\"product_id\":\"p4\",\"name\":\"Headlamp\",\"category\":\"accessories\",\"subcategory\":\"lighting\","
            + "\"brand\":\"Lumo\",\"price\":35.0,\"attributes\":{},\"num_reviews\":0,\"created_at\":1709288100000,"
            + "\"is_active\":true,\"in_stock\":true}"),
        lines(new Path(snapshot, "catalog.jsonl")));
    Manifest manifest = Manifest.read(fs, Manifest.pathOf(new Path(snapshot, "catalog.jsonl")));
    assertEquals("catalog", manifest.kind());
    assertEquals(4, manifest.records());
    assertEquals(Map.of("file", "catalog.csv", "md5", md5(input)), manifest.source());
    assertEquals(snapshot, zone.latestSnapshot(fs, "catalog"));
    assertEquals(List.of("_LATEST", "snapshot=2026-11-22"), visibleEntries(zone.master("catalog")));
    assertFalse(fs.exists(zone.quarantine("catalog", TODAY)));
    assertEquals("ingest-master: catalog export catalog.csv (md5 " + md5(input) + "): 4 rows read = 4 written + "
        + "0 rejected\n"
        + "ingest-master: snapshot " + snapshot + " committed; _LATEST -> snapshot=2026-11-22\n", output);
    assertVerifies();
  }

  @Test
  void brokenRowsGoToTheQuarantineWithReasonAndLine() throws Exception {
    conf.setDouble(MasterSyncTool.MAX_REJECT_FRACTION, 1.0);
    assertEquals(0, sync("catalog", fixture("catalog-broken.csv"), "--date", "2026-11-20"));

    assertTrue(output.contains("9 rows read = 2 written + 7 rejected (MISSING_FIELD 1, WRONG_TYPE 1, "
        + "INVALID_TIMESTAMP 2, INVALID_VALUE 1, WRONG_COLUMN_COUNT 1, DUPLICATE_ID 1)\n"), output);
    Path quarantineFile = new Path(zone.quarantine("catalog", LocalDate.parse("2026-11-20")), "catalog.jsonl");
    assertTrue(output.contains("ingest-master: 7 rejected rows in " + quarantineFile + "\n"), output);
    List<String> written = lines(new Path(zone.snapshot("catalog", LocalDate.parse("2026-11-20")), "catalog.jsonl"));
    assertEquals(List.of("b1", "b7"), written.stream().map(l -> l.substring(15, 17)).toList());
    assertTrue(written.get(0).contains("\"name\":\"Good One\""), written.get(0));

    List<JsonNode> rejects = quarantine("catalog", LocalDate.parse("2026-11-20"));
    assertEquals(List.of("MISSING_FIELD", "WRONG_TYPE", "INVALID_TIMESTAMP", "WRONG_COLUMN_COUNT", "DUPLICATE_ID",
        "INVALID_VALUE", "INVALID_TIMESTAMP"), field(rejects, "reason"));
    assertEquals(Arrays.asList("product_id", "price", "created_at", null, "product_id", "price", "created_at"),
        field(rejects, "field"));
    assertEquals(List.of("catalog-broken.csv:3", "catalog-broken.csv:4", "catalog-broken.csv:5",
        "catalog-broken.csv:7", "catalog-broken.csv:8", "catalog-broken.csv:9", "catalog-broken.csv:10"),
        field(rejects, "source"));
    assertEquals("{\"reason\":\"WRONG_TYPE\",\"field\":\"price\",\"source\":\"catalog-broken.csv:4\","
        + "\"message\":\"field 'price' must be a number like 12.50, was '12,50'\","
        + "\"record\":\"b2,\\\"12,50\\\",Comma Price,misc,2024-05-01T00:00:00Z,Acme\"}",
        lines(quarantineFile).get(1));
    assertEquals("product_id 'b1' already came at catalog-broken.csv:2, which is kept",
        rejects.get(4).get("message").asText());
    assertEquals("b6,4.50,\"Multi\nline name\",misc,1714521600,Acme", rejects.get(6).get("record").asText());
    assertEquals("7 columns where the header has 6", rejects.get(3).get("message").asText());
    assertEquals(7, Manifest.read(fs, Manifest.pathOf(quarantineFile)).records());
    assertEquals("quarantine", Manifest.read(fs, Manifest.pathOf(quarantineFile)).kind());
    assertVerifies();
  }

  @Test
  void tooManyRejectsLeaveThePublishedSnapshotAlone() throws Exception {
    assertEquals(0, sync("catalog", fixture("catalog.csv")));
    java.nio.file.Path broken = fixture("catalog-broken.csv");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sync("catalog", broken));
    assertEquals("ingest-master: catalog-broken.csv rejected 7 of 9 rows (77.8%), more than "
        + "reco.ingest.master.max-reject-fraction=0.1 allows; snapshot of 2026-11-22 not installed", e.getMessage());

    assertEquals(4, lines(new Path(zone.snapshot("catalog", TODAY), "catalog.jsonl")).size());
    assertEquals(zone.snapshot("catalog", TODAY), zone.latestSnapshot(fs, "catalog"));
    assertEquals(7, quarantine("catalog", TODAY).size());
    assertEquals(List.of("_LATEST", "snapshot=2026-11-22"),
        Arrays.stream(fs.listStatus(zone.master("catalog"))).map(s -> s.getPath().getName()).sorted().toList());

    IllegalStateException empty = assertThrows(IllegalStateException.class,
        () -> sync("catalog", export("catalog.csv", "product_id,name,category,price,created_at\n")));
    assertEquals("ingest-master: catalog.csv rejected 0 of 0 rows (0.0%), more than "
        + "reco.ingest.master.max-reject-fraction"
        + "=0.1 allows; snapshot of 2026-11-22 not installed", empty.getMessage());
    assertEquals(4, lines(new Path(zone.snapshot("catalog", TODAY), "catalog.jsonl")).size());
    assertVerifies();
  }

  @Test
  void noCustomerAddressReachesTheRawZoneOrTheLog() throws Exception {
    java.nio.file.Path keyFile = dir.resolve("email.key");
    Files.writeString(keyFile, EmailHasherTest.KEY + "\n");
    conf.set(MasterSyncTool.EMAIL_HASH_KEY_FILE, keyFile.toUri().toString());
    conf.setDouble(MasterSyncTool.MAX_REJECT_FRACTION, 1.0);
    StringWriter log = new StringWriter();
    WriterAppender appender = new WriterAppender(new PatternLayout("%p %c{1}: %m%n"), log);
    org.apache.log4j.Logger.getRootLogger().addAppender(appender);
    try {
      assertEquals(0, sync("customers", fixture("customers.csv")));
      String csvOutput = output;
      assertEquals(0, sync("customers", fixture("customers.jsonl"), "--date", "2026-11-21"));
      output = csvOutput + output;
    } finally {
      org.apache.log4j.Logger.getRootLogger().removeAppender(appender);
    }

    assertEquals(List.of(
        "{\"customer_id\":\"c1\",\"age_group\":\"25-34\",\"gender\":\"f\",\"location\":\"Berlin\","
            + "\"join_date\":1673740800000,\"segment\":\"loyal\",\"preferences\":{},\"email_hash\":\""
            + EmailHasherTest.ALICE + "\"}",
        "{\"customer_id\":\"c2\",\"age_group\":\"35-44\",\"gender\":\"m\",\"location\":\"Paris\","
            + "\"join_date\":1673740800000,\"preferences\":{},\"email_hash\":\"" + hash("bob@example.org") + "\"}",
        "{\"customer_id\":\"c3\",\"age_group\":\"18-24\",\"segment\":\"new\",\"preferences\":{}}",
        "{\"customer_id\":\"c7\",\"age_group\":\"55-64\",\"gender\":\"f\",\"location\":\"Madrid\","
            + "\"join_date\":1677740400000,\"segment\":\"vip\",\"preferences\":{},\"email_hash\":\""
            + hash("grace@example.com") + "\"}"),
        lines(new Path(zone.snapshot("customers", TODAY), "customers.jsonl")));
    assertEquals(List.of(
        "{\"customer_id\":\"j1\",\"age_group\":\"25-34\",\"join_date\":1680307200000,"
            + "\"preferences\":{\"newsletter\":\"yes\"},\"email_hash\":\"" + hash("heidi@example.com") + "\"}",
        "{\"customer_id\":\"j2\",\"join_date\":1680307200000,\"preferences\":{},\"email_hash\":\""
            + hash("ivan@example.com") + "\"}",
        "{\"customer_id\":\"j6\",\"preferences\":{}}"),
        lines(new Path(zone.snapshot("customers", LocalDate.parse("2026-11-21")), "customers.jsonl")));
    assertTrue(output.contains("9 rows read = 4 written + 5 rejected (MISSING_FIELD 1, INVALID_TIMESTAMP 1, "
        + "INVALID_VALUE 1, WRONG_COLUMN_COUNT 1, DUPLICATE_ID 1)"), output);
    assertTrue(output.contains("9 rows read = 3 written + 6 rejected (MALFORMED_JSON 2, MISSING_FIELD 1, "
        + "INVALID_ID 1, INVALID_TIMESTAMP 1, INVALID_VALUE 1)"), output);
    assertTrue(output.contains("_LATEST stays at the later snapshot=2026-11-22"), output);

    List<JsonNode> csvRejects = quarantine("customers", TODAY);
    assertEquals(List.of("customers.csv:5", "customers.csv:6", "customers.csv:7", "customers.csv:8",
        "customers.csv:9"), field(csvRejects, "source"));
    assertEquals(List.of("\"\",[email],25-34,f,Rome,2023-02-01,new", "c4,[email],25-34,m,Oslo,sometime,new",
        "c5,[email],25-34,f", "c1,[email],25-34,f,Berlin,2023-01-15,loyal",
        "c6,[email],45-54,m,[email],2023-03-01,vip"),
        field(csvRejects, "record"));
    List<JsonNode> jsonRejects = quarantine("customers", LocalDate.parse("2026-11-21"));
    assertEquals(List.of("INVALID_TIMESTAMP", "MALFORMED_JSON", "MALFORMED_JSON", "MISSING_FIELD", "INVALID_ID",
        "INVALID_VALUE"), field(jsonRejects, "reason"));
    assertEquals("{\"customer_id\": \"j4\", \"email\": [email]}", jsonRejects.get(1).get("record").asText());
    assertEquals("{\"customer_id\":\"j5\",\"preferences\":{\"contact\":\"[email]\"}}",
        jsonRejects.get(5).get("record").asText());

    List<String> leaks = new ArrayList<>();
    List<java.nio.file.Path> files;
    try (Stream<java.nio.file.Path> walk = Files.walk(dir.resolve("raw"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() >= 8, "both snapshots and both quarantines, each with its manifest: " + files);
    for (java.nio.file.Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase();
      ADDRESSES.stream().filter(bytes::contains).forEach(a -> leaks.add(a + " in " + file));
      if (bytes.contains("@example.")) {
        leaks.add("@example. in " + file);
      }
    }
    assertEquals(List.of(), leaks);
    String logged = log.toString();
    assertTrue(logged.contains("INFO MasterSyncTool: ingest-master: customers export customers.csv (md5 "), logged);
    assertEquals(2, logged.lines().filter(l -> l.contains("MasterSyncTool")).count(), logged);
    assertFalse(logged.contains("@") || output.contains("@"), logged + output);
    assertVerifies();
  }

  @Test
  void customersNeedExactlyOneKeyOfSixteenBytesOrMore() throws Exception {
    java.nio.file.Path input = fixture("customers.csv");
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> sync("customers", input));
    assertEquals("ingest-master: customers need an e-mail hash key: set reco.ingest.email-hash-key-file to a "
        + "file holding "
        + "it, or reco.ingest.email-hash-key", none.getMessage());

    conf.set(MasterSyncTool.EMAIL_HASH_KEY, "too-short");
    IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
        () -> sync("customers", input));
    assertEquals("ingest-master: the e-mail hash key in reco.ingest.email-hash-key must be at least 16 bytes, is 9",
        shortKey.getMessage());

    java.nio.file.Path missing = dir.resolve("no-such.key");
    conf.set(MasterSyncTool.EMAIL_HASH_KEY_FILE, missing.toString());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> sync("customers", input));
    assertEquals("ingest-master: set reco.ingest.email-hash-key or reco.ingest.email-hash-key-file, not both",
        both.getMessage());

    conf.unset(MasterSyncTool.EMAIL_HASH_KEY);
    IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> sync("customers", input));
    assertEquals("ingest-master: reco.ingest.email-hash-key-file " + missing + " is not a file", absent.getMessage());
    assertFalse(fs.exists(zone.root()));

    conf.unset(MasterSyncTool.EMAIL_HASH_KEY_FILE);
    assertEquals(0, sync("catalog", fixture("catalog.csv")));
  }

  @Test
  void argumentsAreChecked() {
    IllegalArgumentException entity = assertThrows(IllegalArgumentException.class,
        () -> run("--entity", "orders", "--input", "x.csv", "--raw", "r"));
    assertEquals("ingest-master: Invalid value for option '--entity': unknown entity 'orders'; expected one of "
        + "[catalog, customers] (see --help)", entity.getMessage());
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
        () -> run("--entity", "catalog", "--input", "catalog.xml", "--raw", "r"));
    assertEquals("ingest-master: Invalid value for option '--input': cannot tell the format of 'catalog.xml': "
        + "expected a name ending in .csv, .jsonl or .json",
        format.getMessage());
    IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
        () -> run("--entity", "catalog", "--input", "c.csv", "--raw", "r", "--date", "22.11.2026"));
    assertEquals("ingest-master: Invalid value for option '--date': '22.11.2026' is not a date YYYY-MM-DD "
        + "(see --help)", date.getMessage());
    IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
        () -> run("--entity", "catalog", "--input", dir.resolve("none.csv").toString(), "--raw", "r"));
    assertEquals("ingest-master: --input " + dir.resolve("none.csv") + " is not a file", input.getMessage());
  }

  @Test
  void aFileThatCannotBeReadLeavesNothingBehind() throws Exception {
    assertEquals(0, sync("catalog", fixture("catalog.csv")));
    java.nio.file.Path noHeader = export("catalog.csv", "p1,Trail Shoe,shoes,89.90,2024-03-01\n");
    IllegalArgumentException header = assertThrows(IllegalArgumentException.class, () -> sync("catalog", noHeader));
    assertTrue(header.getMessage().startsWith("catalog.csv: header [p1, trail shoe, shoes, 89.90, 2024-03-01] lacks "
        + "[product_id, name, category, price, created_at]"), header.getMessage());
    java.nio.file.Path latin1 = Files.createTempDirectory(dir, "export").resolve("catalog.csv");
    Files.write(latin1, "product_id,name,category,price,created_at\np1,K\u00f6ln,c,1,2024-03-01\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    java.io.IOException encoding = assertThrows(java.io.IOException.class, () -> sync("catalog", latin1));
    assertEquals("catalog.csv: not UTF-8 text", encoding.getMessage());

    assertEquals(List.of("_LATEST", "snapshot=2026-11-22"),
        Arrays.stream(fs.listStatus(zone.master("catalog"))).map(s -> s.getPath().getName()).sorted().toList());
    assertEquals(4, lines(new Path(zone.snapshot("catalog", TODAY), "catalog.jsonl")).size());
    assertFalse(fs.exists(zone.quarantine("catalog", TODAY)));
    assertVerifies();
  }

  @Test
  void aRerunReplacesTheSnapshotAndLatestOnlyMovesForward() throws Exception {
    conf.setDouble(MasterSyncTool.MAX_REJECT_FRACTION, 1.0);
    assertEquals(0, sync("catalog", fixture("catalog-broken.csv")));
    assertEquals(7, quarantine("catalog", TODAY).size());
    java.nio.file.Path second = export("catalog.csv",
        "product_id,name,category,price,created_at\nq1,New,c,1,2026-11-01\nq2,Newer,c,2,2026-11-02\n");
    assertEquals(0, sync("catalog", second));

    Path snapshot = zone.snapshot("catalog", TODAY);
    List<String> lines = lines(new Path(snapshot, "catalog.jsonl"));
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("{\"product_id\":\"q1\""), lines.get(0));
    assertEquals(Map.of("file", "catalog.csv", "md5", md5(second)),
        Manifest.read(fs, Manifest.pathOf(new Path(snapshot, "catalog.jsonl"))).source());
    assertEquals(List.of("_LATEST", "snapshot=2026-11-22"), visibleEntries(zone.master("catalog")));
    assertEquals(List.of("catalog.jsonl", "catalog.jsonl.manifest"), visibleEntries(snapshot));
    assertFalse(fs.exists(new Path(zone.quarantine("catalog", TODAY), "catalog.jsonl")), "stale quarantine");
    assertEquals(snapshot, zone.latestSnapshot(fs, "catalog"));

    assertEquals(0, sync("catalog", fixture("catalog.csv"), "--date", "2026-11-21"));
    assertTrue(output.endsWith("_LATEST stays at the later snapshot=2026-11-22\n"), output);
    assertEquals(snapshot, zone.latestSnapshot(fs, "catalog"));
    assertEquals(List.of("_LATEST", "snapshot=2026-11-21", "snapshot=2026-11-22"),
        visibleEntries(zone.master("catalog")));
    assertVerifies();
  }

  @Test
  void aSwapInterruptedBetweenItsRenamesIsRepairedByTheNextRun() throws Exception {
    assertEquals(0, sync("catalog", fixture("catalog.csv")));
    Path snapshot = zone.snapshot("catalog", TODAY);
    // the state a run that died between its two renames leaves: the old snapshot aside, a staged one unfinished
    Path aside = new Path(zone.master("catalog"), "_snapshot=2026-11-22.old");
    assertTrue(fs.rename(snapshot, aside));
    fs.create(new Path(new Path(zone.master("catalog"), "_snapshot=2026-11-22.tmp"), "catalog.jsonl")).close();

    java.nio.file.Path bad = export("catalog.csv", "product_id,name,category,price,created_at\nq1,,c,1,2026-11-01\n");
    assertThrows(IllegalStateException.class, () -> sync("catalog", bad));
    assertEquals(4, lines(new Path(snapshot, "catalog.jsonl")).size(), "the old snapshot is back");
    assertEquals(List.of("_LATEST", "snapshot=2026-11-22"),
        Arrays.stream(fs.listStatus(zone.master("catalog"))).map(s -> s.getPath().getName()).sorted().toList());
    assertEquals(snapshot, zone.latestSnapshot(fs, "catalog"));
    assertVerifies();
    assertNull(zone.latestSnapshot(fs, "customers"));
  }
}
