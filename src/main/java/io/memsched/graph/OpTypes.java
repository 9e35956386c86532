package io.memsched.graph;

import java.util.Set;

/**
 * Facts about ONNX operator types shared by the layer-level DSL and the ONNX importer: which types may write their
 * output into a dying same-sized input (the in-place model of HMCOS, docs/ARCHITECTURE.md, "The memory model").
 */
public final class OpTypes {
    /**
     * Element-wise and reshape-like ONNX types that are in-place capable: each output element depends only on the
     * input elements at the same position (or the output is the input's bytes). Whether a buffer is really reused is
     * the simulator's decision (a single output, a same-sized first input that dies there).
     */
    public static final Set<String> INPLACE_CAPABLE = Set.of(
            // the element-wise types of HMCOS (src/util/op.cpp)
            "Abs", "Add", "And", "Neg", "Mul", "Exp", "Div", "Ceil", "Not", "LeakyRelu", "Elu", "Equal", "Floor",
            "Greater", "HardSigmoid", "Selu", "Less", "PRelu", "Log", "Or", "Reciprocal", "Pow", "Relu", "Sigmoid",
            "Softplus", "Softsign", "Sqrt", "Sub", "Tanh", "Xor", "Acos", "Asin", "Atan", "Cos", "Sin", "Tan", "Sinh",
            "Cosh", "Asinh", "Acosh", "Atanh", "Sign", "Erf", "Mod", "ThresholdedRelu", "BitShift", "Round", "Celu",
            "LessOrEqual", "GreaterOrEqual", "HardSwish", "Clip",
            // more element-wise types of newer opsets
            "Gelu", "Mish", "Max", "Min", "Sum", "Mean",
            // reshape-like types: the output is the input's bytes
            "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout");

    private OpTypes() {
    }

    /** Whether an operator of this ONNX type may run in place. */
    public static boolean isInplaceCapable(String type) {
        return INPLACE_CAPABLE.contains(type);
    }
}
