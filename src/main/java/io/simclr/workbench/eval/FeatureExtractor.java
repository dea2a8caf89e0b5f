package io.simclr.workbench.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.data.ImageDataset;
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
        return extract(network, dataset, java.util.List.of(layer), batchSize, manager).get(0);
    }

    /** Several layers' features from one pass over the dataset (h and z come out of the same forward), in the order asked. */
    public static java.util.List<float[]> extract(SimClrNetwork network, ImageDataset dataset, java.util.List<Layer> layers, int batchSize,
                                                  NDManager manager) {
        int n = dataset.size();
        int side = dataset.imageSize();
        int[] dims = new int[layers.size()];
        java.util.List<float[]> features = new java.util.ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            dims[l] = layers.get(l) == Layer.H ? network.representationDim() : network.projectionDim();
            features.add(new float[n * dims[l]]);
        }
        ParameterStore store = new ParameterStore(manager, false);
        InputBuffer buffer = new InputBuffer();
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            float[] input = dataset.inputFloats(start, count);
            try (NDManager step = manager.newSubManager()) {
                NDArray x = buffer.create(step, input, input.length, new Shape(count, 3, side, side));
                NDList out = network.forward(store, new NDList(x), false);
                for (int l = 0; l < layers.size(); l++) {
                    float[] values = out.get(layers.get(l) == Layer.H ? 0 : 1).toFloatArray();
                    System.arraycopy(values, 0, features.get(l), start * dims[l], count * dims[l]);
                }
            }
        }
        return features;
    }
}
