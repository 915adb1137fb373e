package io.reco.commands;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A reco command: a Hadoop {@link Tool} (so {@code ToolRunner} takes Hadoop's generic options {@code -D},
 * {@code -conf}, {@code -fs} first) whose own options are picocli fields of the subclass, annotated with
 * {@link Command} for its name and one-line description. {@code --help} prints every option with its default and
 * returns 0; a wrong option or value is a {@link UsageException} naming both.
 */
public abstract class RecoTool extends Configured implements Tool {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean helpRequested;
  /** Hadoop's generic {@code -D} where users also write it, after the options: ToolRunner takes only those before. */
  @Option(names = "-D", paramLabel = "key=value", description = "A setting, as Hadoop's generic -D (before or after "
      + "the options).")
  private Map<String, String> settings = new LinkedHashMap<>();

  private Map<String, String> defaults = Map.of();
  private String alias;
  /** Built once: picocli takes the fields' values at construction as the defaults it resets them to. */
  private CommandLine commandLine;

  /** The command's work, run once its options are set. Returns the exit code. */
  protected abstract int execute() throws Exception;

  /** The command's name: from its {@link Command} annotation, unless a catalog lists it under another. */
  public final String name() {
    return alias != null ? alias : annotation(getClass()).name();
  }

  /** Lists this command as {@code name}. */
  final RecoTool named(String name) {
    this.alias = name;
    return this;
  }

  /** The command's one-line description. */
  public final String description() {
    return description(getClass());
  }

  /**
   * Defaults that replace the declared ones (keyed by long option name without dashes), for a caller that knows
   * better: {@code bin/reco} points {@code --raw} at the local raw zone. A default satisfies a required option.
   */
  public final RecoTool withDefaults(Map<String, String> replacements) {
    this.defaults = Map.copyOf(replacements);
    return this;
  }

  /** The help text, as {@code --help} prints it. */
  public final String usage() {
    return commandLine().getUsageMessage();
  }

  @Override
  public final int run(String[] args) throws Exception {
    CommandLine line = commandLine();
    try {
      line.parseArgs(args);
    } catch (ParameterException e) {
      throw new UsageException(name() + ": " + e.getMessage() + " (see --help)");
    }
    if (line.isUsageHelpRequested()) {
      line.usage(helpStream());
      return 0;
    }
    if (!settings.isEmpty()) {
      if (getConf() == null) {
        setConf(new Configuration());
      }
      settings.forEach(getConf()::set);
    }
    return execute();
  }

  /** Where {@code --help} goes: standard output. */
  protected PrintStream helpStream() {
    return System.out;
  }

  private CommandLine commandLine() {
    if (commandLine == null) {
      commandLine = build();
    }
    commandLine.getCommandSpec().name(name());
    return commandLine;
  }

  private CommandLine build() {
    CommandLine line = new CommandLine(this);
    line.getCommandSpec().usageMessage().showDefaultValues(true).width(120);
    line.setDefaultValueProvider(this::defaultFor);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setOverwrittenOptionsAllowed(true);
    line.registerConverter(Path.class, Path::new);
    line.registerConverter(LocalDate.class, value -> convert(value, LocalDate::parse, "a date YYYY-MM-DD"));
    line.registerConverter(Instant.class, value -> convert(value, Instant::parse, "an instant like "
        + "2026-11-08T00:00:00Z"));
    for (OptionSpec option : line.getCommandSpec().options()) {
      registerFactoryConverter(line, option.type());
    }
    return line;
  }

  private static <T> T convert(String value, Function<String, T> parser, String expected) {
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      throw new TypeConversionException("'" + value + "' is not " + expected);
    }
  }

  /** A type of ours with {@code static of(String)} (an entity, a dataset) converts through it; its error shows. */
  private static <T> void registerFactoryConverter(CommandLine line, Class<T> type) {
    if (type.isPrimitive() || type.getName().startsWith("java.")) {
      return;
    }
    Method of;
    try {
      of = type.getMethod("of", String.class);
    } catch (NoSuchMethodException e) {
      return;
    }
    if (!Modifier.isStatic(of.getModifiers()) || !type.isAssignableFrom(of.getReturnType())) {
      return;
    }
    line.registerConverter(type, value -> {
      try {
        return type.cast(of.invoke(null, value));
      } catch (InvocationTargetException e) {
        throw new TypeConversionException(e.getCause().getMessage());
      }
    });
  }

  private String defaultFor(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return defaults.get(option.longestName().replaceFirst("^-+", ""));
    }
    return null;
  }

  /** The one-line description of a command class. */
  public static String description(Class<?> command) {
    String[] lines = annotation(command).description();
    return lines.length == 0 ? "" : lines[0];
  }

  private static Command annotation(Class<?> command) {
    for (Class<?> c = command; c != null; c = c.getSuperclass()) {
      Command annotation = c.getAnnotation(Command.class);
      if (annotation != null) {
        return annotation;
      }
    }
    throw new IllegalStateException(command.getName() + " has no @Command annotation");
  }
}
