package dev.kiso.cli;

import dev.kiso.KisoException;
import dev.kiso.data.FashionMnist;
import dev.kiso.nn.Sequential;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code ./kiso predict MODEL IMAGE...}: the class and top probabilities for each image. */
final class PredictCommand implements Command {
    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "classify PNG/JPEG images with a saved model";
    }

    @Override
    public String help() {
        return """
                usage: ./kiso predict MODEL IMAGE... [--top K] [--no-invert]

                Classifies each image with MODEL and prints the most likely classes and their
                probabilities. Each image is converted to grey and resized to 28x28 by area averaging.
                Fashion-MNIST shows light garments on a black background, so an image whose border is
                light (a photo on a white table) is inverted first; --no-invert turns that off.

                options:
                  --top K       how many classes to show per image (default 3)
                  --no-invert   never invert the image""";
    }

    @Override
    public int run(String[] argv, PrintStream out) throws IOException {
        Args args = Args.parse(name(), argv, Set.of("top"), Set.of("no-invert"));
        List<String> pos = args.positional();
        if (pos.size() < 2) {
            throw new KisoException("predict: expected a model file and at least one image, got "
                    + (pos.isEmpty() ? "nothing" : String.join(" ", pos)));
        }
        int top = args.getInt("top", 3, 1, 10);
        Sequential model = FashionClassifier.load(Path.of(pos.get(0)));
        List<String> names = FashionMnist.CLASS_NAMES;
        for (String image : pos.subList(1, pos.size())) {
            ImageInput.Result in = ImageInput.read(Path.of(image), !args.has("no-invert"));
            float[] p = model.predict(in.x()).toArray();
            Integer[] order = new Integer[p.length];
            for (int c = 0; c < p.length; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %s (%.1f%%)", image,
                    names.get(order[0]), 100 * p[order[0]]));
            for (int k = 1; k < top; k++) {
                line.append(String.format(Locale.ROOT, "%s %s %.1f%%", k == 1 ? "  then" : ",",
                        names.get(order[k]), 100 * p[order[k]]));
            }
            if (in.inverted()) {
                line.append("  [inverted: light background]");
            }
            out.println(line);
        }
        return 0;
    }
}
