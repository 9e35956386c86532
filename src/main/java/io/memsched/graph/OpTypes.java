package io.memsched.graph;

import java.util.Set;

/**
 * Facts about ONNX operator types shared by the layer-level DSL and the ONNX importer: which types may write their
 * output into a dying same-sized input (the in-place model of HMCOS, DESIGN section 2).
 */
public final class OpTypes {
    /**
     * Element-wise and reshape-like ONNX types that are in-place capable: the output has the size of the first input
     * and each output element depends only on the input element at the same position (or on the same bytes).
     */
    public static final Set<String> INPLACE_CAPABLE = Set.of(
            "Relu", "Add", "Mul", "Sub", "Div", "Sigmoid", "Clip", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish",
            "Elu", "Selu", "Celu", "PRelu", "ThresholdedRelu", "Softplus", "Softsign", "Gelu", "Mish", "Erf", "Abs",
            "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Sin", "Cos", "Pow", "Max",
            "Min", "Sum", "Mean", "Not", "And", "Or", "Xor", "Where", "Reshape", "Flatten", "Squeeze", "Unsqueeze",
            "Identity", "Dropout");

    private OpTypes() {
    }

    /** Whether an operator of this ONNX type may run in place. */
    public static boolean isInplaceCapable(String type) {
        return INPLACE_CAPABLE.contains(type);
    }
}
