package io.reco.jobs.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.ingest.external.ProductMetadataTool;
import io.reco.jobs.common.FeatureInputs;
import io.reco.records.RecordJson;
import io.reco.records.avro.Customer;
import io.reco.records.avro.Product;
import io.reco.records.avro.ProductMetadata;
import io.reco.records.raw.Manifest;
import io.reco.records.raw.RawFiles;
import io.reco.records.raw.RawZone;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The master data of a bronze-to-silver run in silver, beside its events, so that gold reads silver only: the
 * newest catalog and customers snapshots (checked against their manifests by the references join before this
 * copy) and the newest committed product metadata pull, each as one Avro file in
 * {@code <run>/silver/<catalog|customers|product_metadata>/}. The rows were validated when they landed; a row that
 * no longer parses fails the run, naming the file and line.
 */
final class SilverMasters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SilverMasters() {
  }

  /** Writes the catalog ({@code products}) or customers snapshot file {@code snapshot}; returns its rows. */
  static long snapshot(FileSystem rawFs, Path snapshot, String entity, FileSystem fs, Path silverMasters)
      throws IOException {
    boolean catalog = entity.equals(FeatureInputs.CATALOG);
    Schema schema = catalog ? Product.getClassSchema() : Customer.getClassSchema();
    return copy(rawFs, snapshot, schema, fs, new Path(new Path(silverMasters, entity), entity + ".avro"), row ->
        catalog ? RecordJson.read(row, Product.class) : RecordJson.read(row, Customer.class));
  }

  /** Writes the newest committed product metadata pull, if the raw zone has one; returns its rows, or -1. */
  static long metadata(FileSystem rawFs, RawZone zone, FileSystem fs, Path silverMasters) throws IOException {
    Path source = zone.external(ProductMetadataTool.SOURCE);
    if (!rawFs.exists(source)) {
      return -1;
    }
    FileStatus[] days = rawFs.listStatus(source, RawFiles.VISIBLE);
    Arrays.sort(days, Comparator.comparing((FileStatus f) -> f.getPath().getName()).reversed());
    for (FileStatus day : days) {
      FileStatus[] files = rawFs.listStatus(day.getPath(), p -> RawFiles.DATA.accept(p)
          && p.getName().endsWith(".jsonl"));
      Arrays.sort(files, Comparator.comparing((FileStatus f) -> f.getPath().getName()).reversed());
      for (FileStatus file : files) {
        if (rawFs.exists(Manifest.pathOf(file.getPath()))) {
          return copy(rawFs, file.getPath(), ProductMetadata.getClassSchema(), fs,
              new Path(new Path(silverMasters, FeatureInputs.METADATA), FeatureInputs.METADATA + ".avro"),
              SilverMasters::metadataOf);
        }
      }
    }
    return -1;
  }

  private static ProductMetadata metadataOf(JsonNode item) {
    JsonNode trend = item.get("trend");
    return ProductMetadata.newBuilder().setProductId(item.path("product_id").asText())
        .setPopularity(number(item, "popularity")).setSentiment(number(item, "sentiment"))
        .setTrend(trend == null || trend.isNull() ? null : trend.asText()).build();
  }

  private static Double number(JsonNode item, String field) {
    JsonNode v = item.get(field);
    return v == null || !v.isNumber() ? null : v.asDouble();
  }

  private static long copy(FileSystem rawFs, Path from, Schema schema, FileSystem fs, Path to,
      Function<JsonNode, SpecificRecord> parser)
      throws IOException {
    long rows = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(rawFs.open(from), StandardCharsets.UTF_8));
        DataFileWriter<SpecificRecord> out = new DataFileWriter<>(new SpecificDatumWriter<SpecificRecord>(schema))) {
      out.setCodec(CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL));
      out.create(schema, fs.create(to, false));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        rows++;
        try {
          out.append(parser.apply(JSON.readTree(line)));
        } catch (IllegalArgumentException | IOException e) {
          throw new IOException(from + " line " + rows + ": " + e.getMessage(), e);
        }
      }
    }
    return rows;
  }
}
