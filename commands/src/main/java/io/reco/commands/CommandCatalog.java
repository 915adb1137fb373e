package io.reco.commands;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/**
 * A named list of commands, as Hadoop's {@code ProgramDriver} keeps one: {@code <program> <command> [generic
 * options] [options]} runs the command through {@code ToolRunner}; no command, {@code -h} or {@code --help} lists
 * them with their descriptions and returns 0; an unknown one is a {@link UsageException}.
 */
public final class CommandCatalog {
  /** Runs one command of a catalog with what follows its name. */
  @FunctionalInterface
  public interface Launcher {
    /** Runs with {@code conf} (the caller's own copy) and the arguments after the command's name. */
    int launch(Configuration conf, String[] args) throws Exception;
  }

  private record Entry(String description, Launcher launcher) {
  }

  private final String usage;
  private final PrintStream out;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** A catalog whose listing starts with {@code usage} and goes to {@code out}. */
  public CommandCatalog(String usage, PrintStream out) {
    this.usage = usage;
    this.out = out;
  }

  /** A catalog listing to standard output (as it is when the listing is asked for). */
  public CommandCatalog(String usage) {
    this(usage, null);
  }

  /** Adds a tool under its own name, with its declared defaults. */
  public CommandCatalog tool(Supplier<? extends RecoTool> tool) {
    return tool(tool, Map.of());
  }

  /** Adds a tool under its own name, with {@code defaults} replacing declared ones (see RecoTool#withDefaults). */
  public CommandCatalog tool(Supplier<? extends RecoTool> tool, Map<String, String> defaults) {
    return tool(tool.get().name(), tool, defaults);
  }

  /** Adds a tool under another name (its help then shows that name), with {@code defaults}. */
  public CommandCatalog tool(String name, Supplier<? extends RecoTool> tool, Map<String, String> defaults) {
    return add(name, tool.get().description(),
        (conf, args) -> ToolRunner.run(conf, tool.get().withDefaults(defaults).named(name), args));
  }

  /** Adds a command under {@code name}, as another catalog or a command of the caller's own. */
  public CommandCatalog add(String name, String description, Launcher launcher) {
    if (entries.put(name, new Entry(description, launcher)) != null) {
      throw new IllegalArgumentException("two commands named '" + name + "'");
    }
    return this;
  }

  /** Whether {@code name} is a command of this catalog. */
  public boolean has(String name) {
    return entries.containsKey(name);
  }

  /** Runs the command {@code args[0]} with the rest of {@code args}; returns its exit code. */
  public int run(Configuration conf, String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      (out != null ? out : System.out).print(listing());
      return 0;
    }
    Entry entry = entries.get(args[0]);
    if (entry == null) {
      throw new UsageException("unknown command '" + args[0] + "'; commands: " + String.join(", ", entries.keySet()));
    }
    return entry.launcher().launch(new Configuration(conf), Arrays.copyOfRange(args, 1, args.length));
  }

  /** The usage line and every command with its description. */
  public String listing() {
    int width = entries.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    StringBuilder text = new StringBuilder(usage).append('\n');
    entries.forEach((name, entry) -> text.append("  ").append(name).append(" ".repeat(width - name.length()))
        .append(entry.description()).append('\n'));
    return text.append("Each command takes --help.\n").toString();
  }
}
