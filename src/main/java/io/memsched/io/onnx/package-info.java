/**
 * ONNX in and out: {@link io.memsched.io.onnx.OnnxImporter} reads a {@code ModelProto} into a
 * {@link io.memsched.graph.Graph} of activation tensors, inferring the shapes the file does not give (the rules of
 * {@link io.memsched.graph.ShapeRules}, checked against {@code onnx.shape_inference}) and folding weight
 * computations; {@link io.memsched.io.onnx.OnnxWriter} writes a plan back into the model (nodes in the plan's order,
 * the plan in {@code metadata_props}). The only package that uses protobuf (its wire format; no generated classes).
 */
package io.memsched.io.onnx;
