/**
 * The command-line layer every command of reco shares: tools declare their options with picocli, catalogs list
 * and dispatch them, and one place turns failures into one line and an exit code.
 */
package io.reco.commands;

