package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedReaderTest {
  private static List<DelimitedReader.Row> read(String text, DelimitedReader.Syntax syntax) throws Exception {
    List<DelimitedReader.Row> rows = new ArrayList<>();
    try (DelimitedReader reader = new DelimitedReader(new StringReader(text), syntax)) {
      for (DelimitedReader.Row row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void keepsLineNumbersAndRawTextOfQuotedMultiLineAndBlankRecords() throws Exception {
    String text = "\uFEFFa,b,c\n"
        + "1,\"x, y\",3\n"
        + "2,\"two\nlines\",4\r\n"
        + "\n"
        + "5,\"say \"\"hi\"\"\",6\n"
        + "7,8,9";
    List<DelimitedReader.Row> rows = read(text, DelimitedReader.Syntax.CSV);

    assertEquals(6, rows.size());
    assertEquals(List.of("a", "b", "c"), rows.get(0).values());
    assertEquals(List.of("1", "x, y", "3"), rows.get(1).values());
    assertEquals(2, rows.get(1).line());
    assertEquals("1,\"x, y\",3", rows.get(1).raw());
    assertEquals(List.of("2", "two\nlines", "4"), rows.get(2).values());
    assertEquals(3, rows.get(2).line());
    assertEquals("2,\"two\nlines\",4", rows.get(2).raw());
    assertEquals(List.of(""), rows.get(3).values(), "a blank line is a record of one empty column");
    assertEquals(5, rows.get(3).line());
    assertEquals(List.of("5", "say \"hi\"", "6"), rows.get(4).values());
    assertEquals(6, rows.get(4).line());
    assertEquals(List.of("7", "8", "9"), rows.get(5).values(), "the last line needs no line break");
    assertEquals(7, rows.get(5).line());
  }

  @Test
  void aStrayQuoteSpoilsOnlyItsOwnLine() throws Exception {
    String text = "1,\"open,2\n3,4,5\n6,7,8\n";
    List<DelimitedReader.Row> rows = read(text, DelimitedReader.Syntax.CSV);

    assertEquals(3, rows.size());
    assertNull(rows.get(0).values());
    assertEquals("unterminated quoted field", rows.get(0).error());
    assertEquals("1,\"open,2", rows.get(0).raw());
    assertEquals(List.of("3", "4", "5"), rows.get(1).values());
    assertEquals(2, rows.get(1).line());
    assertEquals(3, rows.get(2).line());
  }

  @Test
  void textAfterAClosingQuoteIsReportedNotGuessed() throws Exception {
    List<DelimitedReader.Row> rows = read("1,\"ab\"c,2\n3,x\"y,4\"\n", DelimitedReader.Syntax.CSV);

    assertNull(rows.get(0).values());
    assertTrue(rows.get(0).error().startsWith("not a well-formed CSV record: "), rows.get(0).error());
    assertEquals(1, rows.get(0).line());
    assertEquals(List.of("3", "x\"y", "4\""), rows.get(1).values(), "Commons CSV keeps quotes inside plain fields");
  }

  @Test
  void quotesInsidePlainFieldsDoNotJoinLines() throws Exception {
    List<DelimitedReader.Row> rows = read("5,12\" pizza,3\n6,7\" x,8\n", DelimitedReader.Syntax.CSV);

    assertEquals(2, rows.size());
    assertEquals(List.of("5", "12\" pizza", "3"), rows.get(0).values());
    assertEquals(List.of("6", "7\" x", "8"), rows.get(1).values());
    assertEquals(2, rows.get(1).line());
  }

  @Test
  void splitsDoubleColonFiles() throws Exception {
    List<DelimitedReader.Row> rows = read("1::1193::5::978300760\n2::Heat, the (1995)::Action\n",
        DelimitedReader.Syntax.DOUBLE_COLON);

    assertEquals(List.of("1", "1193", "5", "978300760"), rows.get(0).values());
    assertEquals(List.of("2", "Heat, the (1995)", "Action"), rows.get(1).values());
    assertEquals(2, rows.get(1).line());
  }
}
