package io.reco.records;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * reco's settings: every {@code reco.*} key, with its default and description, is declared once in
 * {@value #RESOURCE} (in Hadoop's own form, like {@code mapred-default.xml}), which this class registers as a
 * default resource of every {@link Configuration}. Code reads a setting through the typed getters here, which take
 * the default from that file (also when a configuration was made without defaults) and name the key and the value
 * when the value is wrong.
 */
public final class Settings {
  /** The settings reference on the class path. */
  public static final String RESOURCE = "reco-default.xml";
  private static final Configuration DEFAULTS;
  /** Every declared key, those with an empty default too (Hadoop drops empty values). */
  private static final Set<String> DECLARED;

  static {
    Configuration.addDefaultResource(RESOURCE);
    DEFAULTS = new Configuration(false);
    DEFAULTS.addResource(RESOURCE);
    DECLARED = declaredNames();
  }

  private Settings() {
  }

  /** A configuration with Hadoop's and reco's defaults. */
  public static Configuration create() {
    return new Configuration();
  }

  /** Every key the reference declares. */
  public static Set<String> declared() {
    return DECLARED;
  }

  /** The declared keys and their defaults, as the reference holds them. */
  public static Configuration defaults() {
    return new Configuration(DEFAULTS);
  }

  /** The value of {@code key}, or its default; the key must be declared in the reference. */
  public static String get(Configuration conf, String key) {
    if (!DECLARED.contains(key)) {
      throw new IllegalStateException(key + " is not declared in " + RESOURCE);
    }
    String value = conf.getTrimmed(key);
    return value != null ? value : DEFAULTS.getTrimmed(key, "");
  }

  /** The value of {@code key}, or null when it is unset or blank (a key whose default is empty). */
  public static String optional(Configuration conf, String key) {
    String value = get(conf, key);
    return value.isEmpty() ? null : value;
  }

  /** A whole number. */
  public static long getLong(Configuration conf, String key) {
    String value = get(conf, key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
    }
  }

  /** A whole number, or empty when the key is unset or blank (a key whose default is empty). */
  public static OptionalLong optionalLong(Configuration conf, String key) {
    return optional(conf, key) == null ? OptionalLong.empty() : OptionalLong.of(getLong(conf, key));
  }

  /** A whole number that fits an int. */
  public static int getInt(Configuration conf, String key) {
    long value = getLong(conf, key);
    if (value != (int) value) {
      throw new IllegalArgumentException(key + " is too large, was " + value);
    }
    return (int) value;
  }

  /** A number. */
  public static double getDouble(Configuration conf, String key) {
    String value = get(conf, key);
    try {
      double d = Double.parseDouble(value);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException(value);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, was '" + value + "'");
    }
  }

  /** {@code true} or {@code false}. */
  public static boolean getBoolean(Configuration conf, String key) {
    String value = get(conf, key);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static Set<String> declaredNames() {
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      NodeList names = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
          .getElementsByTagName("name");
      Set<String> keys = new TreeSet<>();
      for (int i = 0; i < names.getLength(); i++) {
        keys.add(names.item(i).getTextContent().trim());
      }
      return Collections.unmodifiableSet(keys);
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Every key under {@code prefix}, declared defaults first, without the prefix. */
  public static Map<String, String> withPrefix(Configuration conf, String prefix) {
    Map<String, String> values = new TreeMap<>(DEFAULTS.getPropsWithPrefix(prefix));
    values.putAll(conf.getPropsWithPrefix(prefix));
    return values;
  }
}
