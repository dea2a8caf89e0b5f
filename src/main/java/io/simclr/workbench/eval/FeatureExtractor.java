package io.simclr.workbench.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.ImageResampler;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.train.InputBuffer;

/**
 * Runs a frozen encoder over a dataset: inference mode (batch-norm uses its running statistics and
 * does not update them), no augmentation, pixels scaled to [0, 1] by the same code as training views.
 */
public final class FeatureExtractor {

    /** What to read out: the representation h (the standard) or the projection z. */
    public enum Layer {
        H, Z;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** "h" or "z"; anything else is an error naming the choices. */
        public static Layer parse(String text) {
            return io.simclr.workbench.json.Choices.parse(values(), Layer::id, text, "layer");
        }
    }

    private FeatureExtractor() {}

    /** Features as an n x d row-major array. */
    public static float[] extract(SimClrNetwork network, ImageDataset dataset, Layer layer, int batchSize, NDManager manager) {
        int n = dataset.size();
        int side = dataset.imageSize();
        int plane = 3 * side * side;
        int dim = layer == Layer.H ? network.representationDim() : network.projectionDim();
        float[] features = new float[n * dim];
        ParameterStore store = new ParameterStore(manager, false);
        byte[] pixels = new byte[plane];
        InputBuffer buffer = new InputBuffer();
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            float[] input = new float[count * plane];
            for (int i = 0; i < count; i++) {
                dataset.copyPixels(start + i, pixels);
                ImageResampler.toFloat(pixels, input, i * plane);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray x = buffer.create(step, input, input.length, new Shape(count, 3, side, side));
                NDList out = network.forward(store, new NDList(x), false);
                NDArray chosen = out.get(layer == Layer.H ? 0 : 1);
                float[] values = chosen.toFloatArray();
                System.arraycopy(values, 0, features, start * dim, count * dim);
            }
        }
        return features;
    }
}
