package dev.kiso.cli;

import dev.kiso.KisoException;
import dev.kiso.data.Dataset;
import dev.kiso.nn.Sequential;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.ConfusionMatrix;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What {@code train}, {@code evaluate} and {@code predict} share: a model of 28×28 grey images in 10 classes. */
final class FashionClassifier {
    private FashionClassifier() {
    }

    /**
     * Loads a model file and checks that it takes {@code [N, 1, 28, 28]} and gives 10 class scores.
     *
     * @param file the model file
     * @return the model
     */
    static Sequential load(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Sequential model = Sequential.load(file);
        checkFits(model, file.toString());
        return model;
    }

    /** Runs one blank image through the model, turning a shape error into one line about the data. */
    static void checkFits(Sequential model, String what) {
        Tensor y;
        try {
            y = model.forward(Tensor.zeros(1, 1, ImageInput.SIDE, ImageInput.SIDE), false);
        } catch (KisoException e) {
            throw new KisoException(what + ": the model does not take Fashion-MNIST's 28x28 grey images [N, 1, 28, 28]: "
                    + e.getMessage());
        }
        if (!Arrays.equals(y.shape(), new int[] {1, 10})) {
            throw new KisoException(what + ": the model gives outputs " + Arrays.toString(y.shape())
                    + " for one image, not 10 class scores [1, 10]");
        }
    }

    /**
     * @return the confusion matrix of the model's predictions on {@code data}
     */
    static ConfusionMatrix confusion(Sequential model, Dataset data, List<String> classNames) {
        return ConfusionMatrix.of(data.labels(), model.predictClasses(data.inputs()), classNames);
    }
}
