/**
 * The command line (picocli), exactly as DESIGN section 3.2: the only place that parses strings, prints or exits.
 */
package io.memsched.cli;
