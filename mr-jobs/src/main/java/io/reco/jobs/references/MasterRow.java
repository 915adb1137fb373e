package io.reco.jobs.references;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What the join needs of one master snapshot row: its id and whether it is active (rows of entities without an
 * active flag always are).
 *
 * @param id the row's id: a product_id, a customer_id
 * @param active whether events of it may train models
 * @param erased whether it names a customer deleted in the shop's database ({@code erased.jsonl})
 */
public record MasterRow(String id, boolean active, boolean erased) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a canonical snapshot row of {@code reference}'s entity. */
  public static MasterRow parse(Reference reference, String line) throws IOException {
    JsonNode row = JSON.readTree(line);
    JsonNode id = row.get(reference.masterField());
    if (id == null || id.isNull()) {
      throw new IOException(reference.entity() + " row without " + reference.masterField() + ": " + line);
    }
    return new MasterRow(id.asText(),
        reference.activeField() == null || row.path(reference.activeField()).asBoolean(true),
        row.path("erased").asBoolean(false));
  }
}
