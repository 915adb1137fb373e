package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The settings reference against the code of every module: each {@code "reco.*"} key the main code names is
 * declared in {@value Settings#RESOURCE}, and each declared key is named in the code (directly, or under a prefix
 * the code names, such as {@code reco.quality.}).
 */
class SettingsReferenceTest {
  private static final Pattern KEY = Pattern.compile("\"(reco\\.[a-z0-9.-]+)\"");

  @Test
  void everyKeyTheCodeNamesIsDeclared() {
    Set<String> declared = Settings.declared();
    Set<String> missing = new TreeSet<>();
    for (String literal : literalsInCode()) {
      boolean found = literal.endsWith(".") ? declared.stream().anyMatch(k -> k.startsWith(literal))
          : declared.contains(literal);
      if (!found) {
        missing.add(literal);
      }
    }
    assertEquals(Set.of(), missing, "keys named in code but not declared in " + Settings.RESOURCE);
  }

  @Test
  void everyDeclaredKeyIsNamedInTheCode() {
    Set<String> literals = literalsInCode();
    Set<String> unused = new TreeSet<>();
    for (String full : Settings.declared()) {
      boolean named = literals.contains(full)
          || literals.stream().anyMatch(l -> l.endsWith(".") && full.startsWith(l));
      if (!named) {
        unused.add(full);
      }
    }
    assertEquals(Set.of(), unused, "keys declared in " + Settings.RESOURCE + " that no code reads");
  }

  @Test
  void everyDeclaredKeyHasADescription() {
    String xml = read(Path.of("src/main/resources", Settings.RESOURCE));
    for (String key : Settings.declared()) {
      Pattern property = Pattern.compile("<name>" + Pattern.quote(key)
          + "</name>\\s*<value>[^<]*</value>\\s*<description>[^<]{10,}</description>");
      assertTrue(property.matcher(xml).find(), key + " needs a value and a description");
    }
    assertTrue(Settings.declared().size() > 50, "the reference declares every key");
  }

  @Test
  void aConfigurationHasTheDefaultsAndAWrongValueNamesTheKey() {
    Configuration conf = Settings.create();
    assertEquals("3600000", conf.get(EventRules.MAX_FUTURE_MS));
    conf.set(EventRules.MAX_FUTURE_MS, "soon");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Settings.getLong(conf, EventRules.MAX_FUTURE_MS));
    assertEquals("reco.events.max-future-ms must be a whole number, was 'soon'", e.getMessage());
    assertEquals(3_600_000L, Settings.getLong(new Configuration(false), EventRules.MAX_FUTURE_MS),
        "a configuration without defaults still gets the reference's");
  }

  /** Every {@code "reco.*"} string literal of the main code of every module. */
  private static Set<String> literalsInCode() {
    Path root = Path.of("").toAbsolutePath().getParent();
    Set<String> literals = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .forEach(p -> {
            Matcher m = KEY.matcher(read(p));
            while (m.find()) {
              literals.add(m.group(1));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(literals.size() > 20, "found the code of the modules under " + root);
    return literals;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
