package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The named tensors of a container's children under dotted names, the way PyTorch's
 * {@code state_dict} names them: the child's name, a dot, the tensor's name inside the child
 * ({@code 0.weight} in a {@link Sequential}, {@code shortcut.1.running_mean} in a {@link Residual}).
 */
final class ChildState {

    private ChildState() {
    }

    /**
     * @param children the children by name, in order
     * @param stateOf  which tensors of a child, e.g. {@code Layer::stateDict} or {@code Layer::buffers}
     * @return every child's tensors, in order, each under {@code childName.tensorName}
     */
    static Map<String, Tensor> prefixed(Map<String, Layer> children, Function<Layer, Map<String, Tensor>> stateOf) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        children.forEach((child, layer) -> stateOf.apply(layer).forEach((name, t) -> state.put(child + "." + name, t)));
        return state;
    }
}
