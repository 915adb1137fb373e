package io.reco.jobs.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco.records.raw.FileProblem;

/**
 * The line of {@code files/} that says what became of one raw file: {@code status} {@value #READ} when it matched
 * its manifest and its records were judged one by one, or the {@link FileProblem} that quarantined it whole.
 */
public final class RawFileVerdicts {
  /** The status of a file that matched its manifest. */
  public static final String READ = "read";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawFileVerdicts() {
  }

  /** The verdict line of the file {@code end} closes, with what its records became. */
  public static String toJson(RawLine end, long kept, long quarantined) {
    FileProblem problem = end.problem();
    ObjectNode node = JSON.createObjectNode()
        .put("file", end.file())
        .put("status", problem == null ? READ : problem.name())
        .put("fails", problem != null && problem.fails())
        .put("detail", end.detail())
        .put("records", end.lines())
        .put("manifest_records", end.manifest() == null ? -1 : end.manifest().records())
        .put("kept", problem == null ? kept : 0)
        .put("quarantined", problem == null ? quarantined : 0);
    return write(node);
  }

  /** Reads a verdict line. */
  public static JsonNode parse(String line) throws JsonProcessingException {
    return JSON.readTree(line);
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of scalars always serialises", e);
    }
  }
}
