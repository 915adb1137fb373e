package io.reco.quality;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The report as {@code report.json}: for machines, and for the next run, which reads it back for drift and trailing
 * volumes, so a report read back equals the one written. Derived values ({@code status}, a field's {@code rate}, a
 * stage's {@code reconciles}) are written for readers of the file and ignored on read.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
  private static final ObjectWriter WRITER = MAPPER.writerFor(QualityReport.class);
  private static final ObjectReader READER = MAPPER.readerFor(QualityReport.class);

  private ReportJson() {
  }

  /** Writes {@code report} as pretty-printed UTF-8 JSON; {@code out} is left open. */
  public static void write(QualityReport report, OutputStream out) throws IOException {
    WRITER.writeValue(out, report);
  }

  /** Reads a report written by {@link #write}; {@code in} is left open. */
  public static QualityReport read(InputStream in) throws IOException {
    return READER.readValue(in);
  }
}
