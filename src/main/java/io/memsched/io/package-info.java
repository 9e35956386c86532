/**
 * Reading and writing graphs: the {@code memsched-graph/1} JSON format ({@link io.memsched.io.GraphJson}), order
 * files ({@link io.memsched.io.OrderFile}); ONNX import lives in {@code io.onnx}, and the dispatch by file
 * extension in the facade ({@code io.memsched.Memsched.load}).
 * Readers refuse bad input with a {@link io.memsched.io.GraphFormatException} naming the file and element.
 */
package io.memsched.io;
