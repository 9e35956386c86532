/**
 * TensorFlow Lite models: {@link io.memsched.io.tflite.TfliteImporter} reads a {@code .tflite} FlatBuffer into a
 * {@link io.memsched.graph.Graph}; {@link io.memsched.io.tflite.TfliteWriter} writes a model back with its
 * operators in a planned order and the arena offsets TensorFlow Lite Micro reads. The only package (with the
 * generated {@code schema} classes) that uses the FlatBuffers runtime.
 */
package io.memsched.io.tflite;
