package io.reco.ingest.importers;

import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One gzip JSON-lines file of the same name in each partition directory, written through {@link RawFileWriter}s of
 * which at most {@code maxOpen} are open at a time. Input that is mostly in time order keeps each partition's writer
 * open until the end. When a partition's writer must be closed to make room and the partition receives lines again,
 * they go to a further piece under {@code _segments/}, and {@link #finish} merges the pieces into the one file
 * (re-reading each line's time with {@code timeOf}). All paths lie in a staging tree, not the live raw zone.
 */
final class PartitionedFiles {
  private final FileSystem fs;
  private final Path root;
  private final String fileName;
  private final int maxOpen;
  private final String kind;
  private final Map<String, Object> source;
  private final Clock clock;
  private final ToLongFunction<String> timeOf;
  private final LinkedHashMap<Path, RawFileWriter> open = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Path, List<Path>> pieces = new TreeMap<>();

  /**
   * Files called {@code fileName} in partitions under {@code root}.
   *
   * @param kind the manifests' kind
   * @param source the manifests' source
   * @param timeOf the event time of a line written earlier, for merging pieces
   */
  PartitionedFiles(FileSystem fs, Path root, String fileName, int maxOpen, String kind, Map<String, Object> source,
      Clock clock, ToLongFunction<String> timeOf) {
    if (maxOpen < 1) {
      throw new IllegalArgumentException("at least one file must be open, was " + maxOpen);
    }
    if (!fileName.endsWith(".gz")) {
      throw new IllegalArgumentException("partitioned files are gzip-compressed, '" + fileName + "' is not");
    }
    this.fs = fs;
    this.root = root;
    this.fileName = fileName;
    this.maxOpen = maxOpen;
    this.kind = kind;
    this.source = source;
    this.clock = clock;
    this.timeOf = timeOf;
  }

  /** Writes {@code line}, whose event time is {@code time}, to the file of {@code partition}. */
  void write(Path partition, String line, long time) throws IOException {
    RawFileWriter writer = open.get(partition);
    if (writer == null) {
      if (open.size() >= maxOpen) {
        Iterator<Map.Entry<Path, RawFileWriter>> eldest = open.entrySet().iterator();
        Map.Entry<Path, RawFileWriter> closing = eldest.next();
        eldest.remove();
        commit(closing.getKey(), closing.getValue());
      }
      List<Path> done = pieces.computeIfAbsent(partition, p -> new ArrayList<>());
      Path target = done.isEmpty() ? new Path(partition, fileName)
          : new Path(new Path(root, "_segments/" + done.size() + "/" + relative(partition)), fileName);
      writer = RawFileWriter.create(fs, target);
      open.put(partition, writer);
    }
    writer.write(line, time);
  }

  private void commit(Path partition, RawFileWriter writer) throws IOException {
    writer.commit(kind, source, clock);
    pieces.get(partition).add(writer.target());
  }

  private String relative(Path partition) {
    String base = root.toString() + "/";
    String path = partition.toString();
    if (!path.startsWith(base)) {
      throw new IllegalArgumentException(partition + " is not under " + root);
    }
    return path.substring(base.length());
  }

  /**
   * Commits every file, merging pieces where a partition has several.
   *
   * @return the manifest of each partition's file, by partition
   */
  Result finish() throws IOException {
    for (Map.Entry<Path, RawFileWriter> e : open.entrySet()) {
      commit(e.getKey(), e.getValue());
    }
    open.clear();
    Map<Path, Manifest> files = new TreeMap<>();
    int merged = 0;
    for (Map.Entry<Path, List<Path>> e : pieces.entrySet()) {
      Path file = new Path(e.getKey(), fileName);
      if (e.getValue().size() == 1) {
        files.put(file, Manifest.read(fs, Manifest.pathOf(file)));
      } else {
        files.put(file, merge(e.getKey(), e.getValue()));
        merged++;
      }
    }
    return new Result(files, merged);
  }

  /** What {@link #finish} committed. */
  record Result(Map<Path, Manifest> files, int merged) {
    long records() {
      return files.values().stream().mapToLong(Manifest::records).sum();
    }
  }

  private Manifest merge(Path partition, List<Path> parts) throws IOException {
    Path merged = new Path(new Path(root, "_merged/" + relative(partition)), fileName);
    Manifest manifest;
    try (RawFileWriter writer = RawFileWriter.create(fs, merged)) {
      for (Path part : parts) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(fs.open(part)),
            StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            writer.write(line, timeOf.applyAsLong(line));
          }
        }
      }
      manifest = writer.commit(kind, source, clock);
    }
    Path file = new Path(partition, fileName);
    fs.delete(Manifest.pathOf(file), false);
    RawFiles.replace(fs, merged, file);
    RawFiles.replace(fs, Manifest.pathOf(merged), Manifest.pathOf(file));
    for (Path part : parts.subList(1, parts.size())) {
      fs.delete(Manifest.pathOf(part), false);
      fs.delete(part, false);
    }
    return manifest;
  }

  /** Drops every open writer's uncommitted file. */
  void abort() throws IOException {
    for (RawFileWriter writer : open.values()) {
      writer.abort();
    }
    open.clear();
  }
}
