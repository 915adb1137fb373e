package io.reco.ingest.importers;

import io.reco.testing.Prerequisites;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.Settings;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Test access to a raw zone an import wrote on the local file system, and to the inputs tests import. */
final class ImportedZone {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final FileSystem fs;
  final Path root;

  ImportedZone(java.nio.file.Path dir) throws IOException {
    this.fs = FileSystem.getLocal(new Configuration());
    this.root = fs.makeQualified(new Path(dir.toAbsolutePath().toString()));
  }

  /** The shared sample folder found walking up from the working directory (see {@link Prerequisites}). */
  static java.nio.file.Path sharedData(String folder) {
    return Prerequisites.sharedData(folder);
  }

  /** A fixture under {@code src/test/resources/importers}. */
  static Path fixture(String name) {
    try {
      return new Path(ImportedZone.class.getResource("/importers/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  ImportReport run(Dataset dataset, Path input, Path... items) throws IOException {
    return run(ImportTool.settings(Settings.defaults()), dataset, input, items);
  }

  ImportReport run(ImportSettings settings, Dataset dataset, Path input, Path... items) throws IOException {
    return new ImportRun(new Configuration(), settings, CLOCK).run(dataset, input, List.of(items), root);
  }

  /** Every committed data file outside bookkeeping directories, by path relative to the root, with its manifest. */
  Map<String, Manifest> files() throws IOException {
    Map<String, Manifest> files = new TreeMap<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    String base = root.toString() + "/";
    while (it.hasNext()) {
      Path path = it.next().getPath();
      String relative = path.toString().substring(base.length());
      boolean hidden = false;
      for (String part : relative.split("/")) {
        hidden |= RawFiles.isHidden(part);
      }
      if (!hidden && RawFiles.DATA.accept(path)) {
        files.put(relative, Manifest.read(fs, Manifest.pathOf(path)));
      }
    }
    return files;
  }

  /** The files whose relative path starts with {@code prefix}. */
  List<String> files(String prefix) throws IOException {
    return files().keySet().stream().filter(f -> f.startsWith(prefix)).toList();
  }

  /** The JSON lines of one file, gzip or plain. */
  List<JsonNode> lines(String relative) throws IOException {
    Path path = new Path(root, relative);
    List<JsonNode> lines = new ArrayList<>();
    try (InputStream in = relative.endsWith(".gz") ? new GZIPInputStream(fs.open(path)) : fs.open(path)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          lines.add(MAPPER.readTree(line));
        }
      }
    }
    return lines;
  }

  /** The JSON lines of every file under {@code prefix}. */
  List<JsonNode> allLines(String prefix) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (String file : files(prefix)) {
      all.addAll(lines(file));
    }
    return all;
  }

  /** Whether no import left anything in the zone's staging directory. */
  boolean stagingEmpty() throws IOException {
    Path staging = new Path(root, RawFiles.STAGING);
    return !fs.exists(staging) || fs.listStatus(staging).length == 0;
  }

  /** The quarantine lines by their source ({@code file:line}). */
  Map<String, JsonNode> quarantine() throws IOException {
    Map<String, JsonNode> bySource = new TreeMap<>();
    for (JsonNode line : allLines("quarantine/")) {
      bySource.put(line.get("source").asText(), line);
    }
    return bySource;
  }
}
