package io.reco.ingest.master;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.records.InvalidRecordException;
import org.apache.avro.specific.SpecificRecord;

/** Turns the fields of one export row into the entity's canonical Avro record, or says why it cannot. */
public interface MasterRecordParser {
  /** The record for {@code row}; the exception names the reason and the field at fault. */
  SpecificRecord parse(JsonNode row) throws InvalidRecordException;
}
