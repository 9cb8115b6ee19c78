package dev.kiso.cli;

import dev.kiso.KisoException;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Sequential;
import dev.kiso.train.ConfusionMatrix;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code ./kiso evaluate MODEL}: accuracy and confusion matrix on the Fashion-MNIST test set. */
final class EvaluateCommand implements Command {
    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "accuracy and confusion matrix of a saved model on the Fashion-MNIST test set";
    }

    @Override
    public String help() {
        return """
                usage: ./kiso evaluate MODEL [--data DIR]

                Loads MODEL (a .safetensors file written by ./kiso train or Sequential.save), runs it on
                the 10,000 Fashion-MNIST test images and prints the accuracy and the confusion matrix
                (rows: actual class, columns: predicted class).

                options:
                  --data DIR   folder holding the Fashion-MNIST files (default: $KISO_DATA/fashion-mnist,
                               ./data/fashion-mnist, /usr/share/datasets/fashion-mnist)""";
    }

    @Override
    public int run(String[] argv, PrintStream out) throws IOException {
        Args args = Args.parse(name(), argv, Set.of("data"), Set.of());
        if (args.positional().size() != 1) {
            throw new KisoException("evaluate: expected one model file, got "
                    + (args.positional().isEmpty() ? "none" : String.join(" ", args.positional())));
        }
        Path file = Path.of(args.positional().get(0));
        Sequential model = FashionClassifier.load(file);
        TrainTest data = TrainCommand.loadData(args);
        long start = System.nanoTime();
        ConfusionMatrix cm = FashionClassifier.confusion(model, data.test(), data.classNames());
        out.printf(Locale.ROOT, "%s: test accuracy %.4f (%d of %d images, %.1f s)%n%n", file, cm.accuracy(),
                Math.round(cm.accuracy() * cm.total()), cm.total(), (System.nanoTime() - start) / 1e9);
        out.println(cm);
        return 0;
    }
}
