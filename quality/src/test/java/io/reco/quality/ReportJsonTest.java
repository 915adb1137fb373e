package io.reco.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  private static final ObjectMapper TREE = new ObjectMapper();

  @Test
  void readsBackTheReportItWrote() throws IOException {
    QualityReport report = SampleReports.sample();

    QualityReport back = ReportJson.read(new ByteArrayInputStream(write(report)));

    assertEquals(report, back);
    assertEquals(SampleReports.HOSTILE_RECORD, back.rejects().get(1).examples().get(0).record());
  }

  @Test
  void readsBackTheRawFiles() throws IOException {
    QualityReport report = SampleReports.sample();

    QualityReport back = ReportJson.read(new ByteArrayInputStream(write(report)));

    assertEquals(SampleReports.files(), back.files());
    assertEquals(-1, back.files().get(1).manifestRecords(), "an uncommitted file has no manifest");
  }

  @Test
  void readsAnOlderReportWithoutRawFiles() throws IOException {
    QualityReport report = SampleReports.sample();
    ObjectNode json = (ObjectNode) TREE.readTree(write(report));
    json.remove("files");

    QualityReport back = ReportJson.read(new ByteArrayInputStream(TREE.writeValueAsBytes(json)));

    assertEquals(List.of(), back.files());
    assertEquals(report.checks(), back.checks());
  }

  @Test
  void writesTheDerivedValuesForMachines() throws IOException {
    JsonNode json = TREE.readTree(write(SampleReports.sample()));

    assertEquals("FAIL", json.get("status").asText());
    assertEquals(SampleReports.RUN_ID, json.get("runId").asText());
    JsonNode productId = json.get("nullRates").get(2);
    assertEquals("product_id", productId.get("field").asText());
    assertEquals(38_529.0 / 1_284_310, productId.get("rate").asDouble(), 1e-12);
    for (JsonNode stage : json.get("stages")) {
      assertTrue(stage.get("reconciles").asBoolean(), stage.toString());
    }
  }

  @Test
  void writesNoAccidentalProperties() throws IOException {
    String json = new String(write(SampleReports.sample()), StandardCharsets.UTF_8);

    assertFalse(json.contains("rangeViolation"), json);
    assertFalse(json.contains("referentialViolation"), json);
    assertFalse(json.contains("\"failed\""), json);
    assertFalse(json.contains("\"problem\""), json);
    assertTrue(json.startsWith("{\n  \"runId\""), "pretty-printed, run id first: " + json.substring(0, 40));
  }

  @Test
  void ignoresDerivedValuesOnRead() throws IOException {
    QualityReport report = SampleReports.sample();
    ObjectNode json = (ObjectNode) TREE.readTree(write(report));
    json.put("status", "PASS");
    ((ObjectNode) json.get("nullRates").get(2)).put("rate", 0.5);
    ((ObjectNode) json.get("stages").get(0)).put("reconciles", false);
    json.put("addedByANewerVersion", 1);

    QualityReport back = ReportJson.read(new ByteArrayInputStream(TREE.writeValueAsBytes(json)));

    assertEquals(report, back);
    assertEquals(Status.FAIL, back.status());
  }

  private static byte[] write(QualityReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportJson.write(report, out);
    return out.toByteArray();
  }
}
