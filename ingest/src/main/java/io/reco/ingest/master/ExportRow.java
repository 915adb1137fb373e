package io.reco.ingest.master;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.records.InvalidRecordException;

/**
 * One row of an export as read, before validation.
 *
 * @param location where it came from, {@code file:line} (the line the row starts on)
 * @param fields its values by field name, or null when the row could not be split into fields
 * @param text the row as it arrived, for the quarantine, with personal data masked
 * @param error why the row could not be split into fields (a broken JSON line, a wrong column count), or null
 */
public record ExportRow(String location, ObjectNode fields, String text, InvalidRecordException error) {
}
