/**
 * ONNX import: {@link io.memsched.io.onnx.OnnxImporter} reads a {@code ModelProto} into a
 * {@link io.memsched.graph.Graph} of activation tensors. The only package that uses protobuf (its wire-format
 * reader; no generated classes).
 */
package io.memsched.io.onnx;
