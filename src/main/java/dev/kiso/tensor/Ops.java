package dev.kiso.tensor;

/**
 * The built-in element-wise functions, as enums rather than lambdas. Why: the loops in
 * {@link ElementWise} call {@code f.apply} for every element, and the JIT inlines such a call only
 * when it sees at most two classes there. One enum is one class, however many constants it has,
 * so the built-in ops stay inlinable (a user's lambda through {@code map} or {@code zip} is the
 * second class); a lambda per op made every op about ten times slower.
 */
final class Ops {
    private Ops() {
    }

    /** Functions of two floats. */
    enum Binary implements FloatBinaryOperator {
        ADD, SUB, MUL, DIV, MAX, MIN;

        @Override
        public float apply(float a, float b) {
            switch (this) {
                case ADD: return a + b;
                case SUB: return a - b;
                case MUL: return a * b;
                case DIV: return a / b;
                case MAX: return Math.max(a, b);
                default: return Math.min(a, b);
            }
        }
    }

    /** Functions of one float. */
    enum Unary implements FloatUnaryOperator {
        IDENTITY, NEG, EXP, LOG, SQRT, ABS, SIGN, TANH, SIGMOID, RELU, SQUARE;

        @Override
        public float apply(float x) {
            switch (this) {
                case IDENTITY: return x;
                case NEG: return -x;
                case EXP: return (float) Math.exp(x);
                case LOG: return (float) Math.log(x);
                case SQRT: return (float) Math.sqrt(x);
                case ABS: return Math.abs(x);
                case SIGN: return Math.signum(x);
                case TANH: return (float) Math.tanh(x);
                case SIGMOID: return sigmoid(x);
                case RELU: return Math.max(x, 0f); // NaN stays NaN, as in PyTorch
                default: return x * x;
            }
        }

        private static float sigmoid(float x) {
            // Written so that exp never overflows: for x < 0, 1/(1+e^-x) = e^x/(1+e^x).
            if (x >= 0f) {
                return (float) (1.0 / (1.0 + Math.exp(-x)));
            }
            double e = Math.exp(x);
            return (float) (e / (1.0 + e));
        }
    }
}
