package io.reco.commands;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What a command hands to the Oozie workflow that runs it: Oozie's java action with {@code <capture-output/>} names a
 * file in the system property {@value #PROPERTY}, and the workflow reads its properties as
 * {@code ${wf:actionData('<action>')['<key>']}} (a decision node routes on them). Outside Oozie the property is unset
 * and nothing is written.
 */
public final class WorkflowOutput {
  /** The system property Oozie's launcher sets to the file it reads back. */
  public static final String PROPERTY = "oozie.action.output.properties";

  private WorkflowOutput() {
  }

  /** Writes {@code values} for the workflow when one is listening; returns whether it wrote them. */
  public static boolean write(Map<String, String> values) throws IOException {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isBlank()) {
      return false;
    }
    Properties properties = new Properties();
    properties.putAll(values);
    try (OutputStream out = Files.newOutputStream(Path.of(file))) {
      properties.store(out, "reco");
    }
    return true;
  }
}
