package io.reco.jobs.common;

import io.reco.records.raw.FileProblem;
import io.reco.records.raw.Manifest;

/**
 * The key {@link RawFileInputFormat} gives with each line: where the line sits, whether it was cut at the line-length
 * bound, and - once per file, after its last line - the file's verdict against its manifest. A mapper holds back
 * what a file's lines produced until that verdict, since a file that disagrees with its manifest is quarantined
 * whole. One instance is reused by the reader.
 */
public final class RawLine {
  private String file;
  private long offset;
  private boolean tooLong;
  private boolean end;
  private long lines;
  private Manifest manifest;
  private FileProblem problem;
  private String detail;

  void line(String file, long offset, boolean tooLong) {
    this.file = file;
    this.offset = offset;
    this.tooLong = tooLong;
    this.end = false;
  }

  void end(String file, long lines, Manifest manifest, FileProblem problem, String detail) {
    this.file = file;
    this.end = true;
    this.tooLong = false;
    this.lines = lines;
    this.manifest = manifest;
    this.problem = problem;
    this.detail = detail;
  }

  /** The data file, as a qualified path string. */
  public String file() {
    return file;
  }

  /** The line's offset in the file's (decompressed) bytes. */
  public long offset() {
    return offset;
  }

  /** {@code file:offset}, as quarantine entries name a record's place. */
  public String position() {
    return file + ":" + offset;
  }

  /** Whether the line passed the length bound: the value holds its first bytes only. */
  public boolean tooLong() {
    return tooLong;
  }

  /** Whether this is the end-of-file verdict rather than a line. */
  public boolean isEnd() {
    return end;
  }

  /** At the end: records read from the file: its lines, less a CSV file's header. */
  public long lines() {
    return lines;
  }

  /** At the end: the file's manifest, or null when it could not be read. */
  public Manifest manifest() {
    return manifest;
  }

  /** At the end: what is wrong with the file, or null when it matches its manifest. */
  public FileProblem problem() {
    return problem;
  }

  /** At the end: the problem in words, naming expected and actual values. */
  public String detail() {
    return detail;
  }
}
