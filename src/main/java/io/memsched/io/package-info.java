/**
 * Reading and writing graphs: the {@code memsched-graph/1} JSON format ({@link io.memsched.io.GraphJson}), order
 * files ({@link io.memsched.io.OrderFile}) and the dispatch by file type ({@link io.memsched.io.GraphFiles}).
 * Readers refuse bad input with a {@link io.memsched.io.GraphFormatException} naming the file and element.
 */
package io.memsched.io;
