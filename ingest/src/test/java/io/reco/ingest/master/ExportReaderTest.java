package io.reco.ingest.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.records.RejectReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportReaderTest {
  private static List<ExportRow> read(String name, MasterEntity entity, String text) throws IOException {
    List<ExportRow> rows = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(new StringReader(text), name, entity)) {
      for (ExportRow row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void formatFollowsTheExtension() {
    assertEquals(ExportReader.Format.CSV, ExportReader.Format.of("Catalog.CSV"));
    assertEquals(ExportReader.Format.JSON_LINES, ExportReader.Format.of("customers.jsonl"));
    assertEquals(ExportReader.Format.JSON_LINES, ExportReader.Format.of("customers.json"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExportReader.Format.of("catalog.xlsx"));
    assertEquals("cannot tell the format of 'catalog.xlsx': expected a name ending in .csv, .jsonl or .json",
        e.getMessage());
  }

  @Test
  void csvRowsByHeaderNameWithTheLineEachStartsOn() throws Exception {
    String csv = "\uFEFF Product_ID ,price,name,category,created_at\n"
        + "p1,1.00,One,c,2024-03-01\n"
        + "\n"
        + "p2,2.00,\"Two\nlines\",c,2024-03-01\n"
        + "p3,3.00,Three,c\n"
        + "p4,4.00,Four,c,2024-03-01";
    List<ExportRow> rows = read("catalog.csv", MasterEntity.CATALOG, csv);
    assertEquals(4, rows.size());
    assertEquals("catalog.csv:2", rows.get(0).location());
    assertEquals("{\"product_id\":\"p1\",\"price\":\"1.00\",\"name\":\"One\",\"category\":\"c\","
        + "\"created_at\":\"2024-03-01\"}", rows.get(0).fields().toString());
    assertEquals("catalog.csv:4", rows.get(1).location());
    assertEquals("Two\nlines", rows.get(1).fields().get("name").textValue());
    assertEquals("p2,2.00,\"Two\nlines\",c,2024-03-01", rows.get(1).text());
    assertEquals("catalog.csv:6", rows.get(2).location());
    assertNull(rows.get(2).fields());
    assertEquals(RejectReason.WRONG_COLUMN_COUNT, rows.get(2).error().reason());
    assertEquals("4 columns where the header has 5", rows.get(2).error().getMessage());
    assertEquals("catalog.csv:7", rows.get(3).location());
  }

  @Test
  void aHeaderMustNameTheRequiredColumnsAndNoOthers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read("catalog.csv", MasterEntity.CATALOG, "product_id,name,price,colour,name\np1,a,1,red,a\n"));
    assertEquals("catalog.csv: header [product_id, name, price, colour, name] lacks [category, created_at] has "
        + "unknown columns [colour] repeats [name]; catalog columns are product_id,name,category,subcategory,brand,"
        + "price,description,created_at,is_active,in_stock, required [product_id, name, category, price, "
        + "created_at]", e.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> read("customers.csv", MasterEntity.CUSTOMERS, "\n\n"));
    assertEquals("customers.csv: no header line; expected customer_id,email,age_group,gender,location,join_date,"
        + "segment", empty.getMessage());
  }

  @Test
  void aCustomersFileWithoutHeaderShowsNoAddressInTheError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read("customers.csv", MasterEntity.CUSTOMERS, "c1,bob@example.org,25-34\n"));
    assertEquals("customers.csv: header [c1, [email], 25-34] lacks [customer_id] has unknown columns [c1, "
        + "[email], 25-34]; customers columns are customer_id,email,age_group,gender,location,join_date,segment, "
        + "required [customer_id]", e.getMessage());
  }

  @Test
  void textThatIsNotUtf8FailsTheWholeFile() {
    byte[] latin1 = "customer_id,location\nc1,K\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1);
    IOException csv = assertThrows(IOException.class, () -> readBytes("customers.csv", latin1));
    assertEquals("customers.csv: not UTF-8 text", csv.getMessage());
    byte[] json = "{\"customer_id\":\"c1\"}\n{\"customer_id\":\"K\u00f6ln\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    IOException lines = assertThrows(IOException.class, () -> readBytes("customers.jsonl", json));
    assertEquals("customers.jsonl: not UTF-8 text", lines.getMessage());
  }

  private static List<ExportRow> readBytes(String name, byte[] bytes) throws IOException {
    List<ExportRow> rows = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(new InputStreamReader(new ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8.newDecoder()), name, MasterEntity.CUSTOMERS)) {
      for (ExportRow row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void brokenCsvFailsTheWholeFile() {
    IOException e = assertThrows(IOException.class, () -> read("customers.csv", MasterEntity.CUSTOMERS,
        "customer_id,email\nc1,a@example.com\nc2,\"b@example.com\n"));
    assertEquals("customers.csv: CSV cannot be parsed after line 2: (startline 3) EOF reached before encapsulated "
        + "token finished", e.getMessage());
  }

  @Test
  void customerRowsKeepTheirTextWithAddressesMasked() throws Exception {
    List<ExportRow> csv = read("customers.csv", MasterEntity.CUSTOMERS,
        "email,customer_id,location\nnot-an-address,c1,x@y.example\nc2,z@example.com\n");
    assertEquals("[email],c1,[email]", csv.get(0).text());
    assertEquals("not-an-address", csv.get(0).fields().get("email").textValue());
    assertEquals("[email],[email]", csv.get(1).text());

    List<ExportRow> json = read("customers.jsonl", MasterEntity.CUSTOMERS,
        "{\"customer_id\":\"c1\",\"email\":\"no-at-sign\",\"note\":\"x@y.example\"}\n"
            + "{\"customer_id\":\"c2\",\"email\":a@example.com}\n"
            + "[\"b@example.com\"]\n"
            + "{\"customer_id\":\"c3\",\"customer_id\":\"c4\"}\n"
            + "{\"customer_id\":\"c5\"} {}\n");
    assertEquals("{\"customer_id\":\"c1\",\"email\":\"[email]\",\"note\":\"[email]\"}", json.get(0).text());
    assertEquals("no-at-sign", json.get(0).fields().get("email").textValue());
    assertEquals("{\"customer_id\":\"c2\",\"email\":[email]}", json.get(1).text());
    assertEquals(RejectReason.MALFORMED_JSON, json.get(1).error().reason());
    assertEquals("not valid JSON at column 30", json.get(1).error().getMessage());
    assertEquals("[\"[email]\"]", json.get(2).text());
    assertEquals("not a JSON object", json.get(2).error().getMessage());
    assertEquals("not valid JSON at column 34", json.get(3).error().getMessage());
    assertEquals(RejectReason.MALFORMED_JSON, json.get(4).error().reason());
    assertEquals("customers.jsonl:5", json.get(4).location());
  }

  @Test
  void catalogJsonLinesAreKeptVerbatim() throws Exception {
    String line = "{\"product_id\":\"p1\", \"note\":\"ask sales@example.com\"}";
    List<ExportRow> rows = read("catalog.json", MasterEntity.CATALOG, "\n" + line + "\n\n");
    assertEquals(1, rows.size());
    assertEquals("catalog.json:2", rows.get(0).location());
    assertEquals(line, rows.get(0).text());
    List<ExportRow> broken = read("catalog.jsonl", MasterEntity.CATALOG, "{\"product_id\":\"p1\",\"product_id\":2}");
    assertEquals("not valid JSON: Duplicate field 'product_id'", broken.get(0).error().getMessage());
  }
}
