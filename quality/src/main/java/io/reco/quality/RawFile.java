package io.reco.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One raw file of the run's range and what became of it: read after matching its manifest, or held back with the
 * problem that kept it out. The report lists every one, so a quarantined file is never lost from sight.
 *
 * @param source the source it belongs to, e.g. {@code clickstream}
 * @param file its path
 * @param status {@value #READ} for a file that matched its manifest, otherwise the name of its problem:
 *     {@code BAD_MANIFEST}, {@code CHECKSUM_MISMATCH}, {@code COUNT_MISMATCH}, {@code UNREADABLE},
 *     {@code MISSING_DATA_FILE} (these fail the run), {@code UNCOMMITTED}, {@code UNEXPECTED_ENTRY} (these warn)
 * @param fails whether its problem fails the run; false for a file read
 * @param detail the problem in words, or null for a file read
 * @param records lines read from it, 0 where it was not read
 * @param manifestRecords the record count its manifest gives, -1 where it has no readable manifest
 * @param kept its records that passed validation, 0 for a file quarantined whole
 * @param quarantined its records quarantined one by one, 0 for a file quarantined whole
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RawFile(String source, String file, String status, boolean fails, String detail, long records,
    long manifestRecords, long kept, long quarantined) {
  /** The status of a file that matched its manifest and was read. */
  public static final String READ = "read";

  /** Whether the file had a problem, failing or not: anything but {@value #READ}. */
  public boolean problem() {
    return !READ.equals(status);
  }
}
