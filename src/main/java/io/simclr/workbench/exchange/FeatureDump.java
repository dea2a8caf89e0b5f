package io.simclr.workbench.exchange;

import ai.djl.ndarray.NDManager;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.train.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The first test images of a run, exactly as its encoder sees them, with the features it gives them:
 * a safetensors file of {@code images} (N x 3 x S x S, in [0, 1]), {@code h}, {@code z} and
 * {@code labels}, for checking an exported encoder in PyTorch against the workbench on the same input
 * ({@code bench/check_export.py}).
 */
public final class FeatureDump {

    public record Result(Path file, int images, int representationDim, int projectionDim) {}

    private FeatureDump() {}

    public static Result write(RunFolder run, int count, Path out) throws IOException {
        try (RunEncoder encoder = RunEncoder.open(run, null); NDManager owner = encoder.manager().newSubManager()) {
            ImageDataset first = firstImages(encoder.testSplit(), count);
            int n = first.size();
            int side = first.imageSize();
            float[] images = first.inputFloats(0, n);
            SimClrNetwork network = encoder.network(true, owner);
            List<float[]> hz = FeatureExtractor.extract(network, first, List.of(FeatureExtractor.Layer.H, FeatureExtractor.Layer.Z), n, owner);
            float[] h = hz.get(0);
            float[] z = hz.get(1);
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = first.label(i);
            }
            int dh = network.representationDim();
            int dz = network.projectionDim();
            Safetensors.write(out, List.of(Safetensors.Tensor.f32("images", new long[] {n, 3, side, side}, images),
                    Safetensors.Tensor.f32("h", new long[] {n, dh}, h), Safetensors.Tensor.f32("z", new long[] {n, dz}, z),
                    Safetensors.Tensor.i64("labels", new long[] {n}, labels)), java.util.Map.of("run", run.root().toString(),
                    "checkpoint", encoder.checkpoint().getFileName().toString()));
            return new Result(out, n, dh, dz);
        }
    }

    /** The first {@code count} images of a dataset (all of them when it has fewer). */
    static ImageDataset firstImages(ImageDataset all, int count) {
        int n = Math.min(count, all.size());
        return new ImageDataset() {
            @Override
            public String description() {
                return "the first " + n + " images of " + all.description();
            }

            @Override
            public int size() {
                return n;
            }

            @Override
            public int imageSize() {
                return all.imageSize();
            }

            @Override
            public int label(int index) {
                return all.label(index);
            }

            @Override
            public List<String> classNames() {
                return all.classNames();
            }

            @Override
            public void copyPixels(int index, byte[] dst) {
                all.copyPixels(index, dst);
            }
        };
    }
}
