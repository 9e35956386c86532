/**
 * The command line (picocli), exactly as docs/ARCHITECTURE.md, "Command line": the only place that parses strings, prints or exits.
 */
package io.memsched.cli;
