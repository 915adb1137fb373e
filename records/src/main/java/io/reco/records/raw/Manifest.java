package io.reco.records.raw;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The commit marker of one raw data file: what it holds and how to prove it is intact. A data file without its
 * manifest was never committed; a manifest is written only after its data file is durable.
 *
 * @param file the data file's name, in the same directory
 * @param md5 hex MD5 of the file's bytes as stored (compressed bytes for {@code .gz})
 * @param bytes the file's length
 * @param records data records (lines, rows) in the file, headers excluded
 * @param minEventTime earliest event time in the file, ISO-8601 UTC; null where records carry none
 * @param maxEventTime latest event time, as above
 * @param kind what the file is: clickstream, transactions, catalog, quarantine...
 * @param source where the records came from: topic, partition and offsets, or a source file and its checksum
 * @param writtenAt when the data file was committed, ISO-8601 UTC
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    @JsonProperty("file") String file,
    @JsonProperty("md5") String md5,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("records") long records,
    @JsonProperty("min_event_time") String minEventTime,
    @JsonProperty("max_event_time") String maxEventTime,
    @JsonProperty("kind") String kind,
    @JsonProperty("source") Map<String, Object> source,
    @JsonProperty("written_at") String writtenAt) {

  /** The suffix that turns a data file's name into its manifest's name. */
  public static final String SUFFIX = ".manifest";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Keeps {@code source} in a stable order, so equal manifests print equally. */
  public Manifest {
    source = source == null ? Map.of() : new TreeMap<>(source);
  }

  /** The manifest path of {@code dataFile}. */
  public static Path pathOf(Path dataFile) {
    return new Path(dataFile.getParent(), dataFile.getName() + SUFFIX);
  }

  /** The data file a manifest path describes. */
  public static Path dataFileOf(Path manifest) {
    String name = manifest.getName();
    return new Path(manifest.getParent(), name.substring(0, name.length() - SUFFIX.length()));
  }

  /** Reads the manifest at {@code path}; the error names the file. */
  public static Manifest read(FileSystem fs, Path path) throws IOException {
    try (FSDataInputStream in = fs.open(path)) {
      return parse(in, path);
    }
  }

  static Manifest parse(InputStream in, Path path) throws IOException {
    try {
      Manifest manifest = MAPPER.readValue(in, Manifest.class);
      if (manifest.file() == null || manifest.md5() == null) {
        throw new IOException("manifest " + path + " lacks 'file' or 'md5'");
      }
      return manifest;
    } catch (JsonProcessingException e) {
      throw new IOException("manifest " + path + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** This manifest as JSON text. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise manifest of " + file, e);
    }
  }

  /**
   * Writes this manifest beside {@code dataFile}: to a hidden temporary file first, then renamed, so a reader sees
   * a whole manifest or none.
   */
  public void writeBeside(FileSystem fs, Path dataFile) throws IOException {
    Path target = pathOf(dataFile);
    Path tmp = new Path(dataFile.getParent(), "_" + target.getName() + ".tmp");
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(toJson().getBytes(StandardCharsets.UTF_8));
      out.hsync();
    }
    RawFiles.replace(fs, tmp, target);
  }
}
