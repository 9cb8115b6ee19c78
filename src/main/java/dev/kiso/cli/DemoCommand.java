package dev.kiso.cli;

import dev.kiso.tensor.Tensor;

import java.io.PrintStream;
import java.util.Random;
import java.util.Set;

/** {@code ./kiso demo}: a short tour of tensors, views and matmul. */
final class DemoCommand implements Command {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "a two-second tour of tensors, views and matmul";
    }

    @Override
    public String help() {
        return "usage: ./kiso demo [--seed N]\n\nPrints a few tensors, a transposed view and a matrix product.";
    }

    @Override
    public int run(String[] argv, PrintStream out) {
        Args args = Args.parse(name(), argv, Set.of("seed"), Set.of());
        Tensor a = Tensor.arange(6).reshape(2, 3);
        out.println("a = arange(6).reshape(2, 3):\n" + a);
        Tensor at = a.t();
        out.println("a.t() is a view (same data, strides " + java.util.Arrays.toString(at.strides()) + "):\n" + at);
        Tensor w = Tensor.randn(new Random(args.getLong("seed", 0)), 0f, 1f, 3, 2);
        out.println("w = randn(3, 2):\n" + w);
        out.println("a.matmul(w):\n" + a.matmul(w));
        return 0;
    }
}
