package io.simclr.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.ShapesDataset;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    @Test
    void extractionLeavesBatchNormStatisticsAloneAndDoesNotDependOnTheBatching() {
        ImageDataset images = ShapesDataset.generate(Split.TEST, 10, 32, 0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SimClrNetwork network = ModelFactory.create(ModelConfig.defaults(EncoderKind.SMALL), 32);
            ModelFactory.initialize(network, manager, 32);
            float[] before = runningMeans(network);
            float[] inFours = FeatureExtractor.extract(network, images, FeatureExtractor.Layer.H, 4, manager);
            float[] inOne = FeatureExtractor.extract(network, images, FeatureExtractor.Layer.H, 10, manager);
            assertArrayEquals(before, runningMeans(network), "inference mode must not update running statistics");
            assertArrayEquals(inOne, inFours, 1e-5f, "each image's features must not depend on its batch");
            assertEquals(10 * 256, inOne.length);
            float[] z = FeatureExtractor.extract(network, images, FeatureExtractor.Layer.Z, 5, manager);
            assertEquals(10 * 128, z.length);
        }
    }

    private static float[] runningMeans(SimClrNetwork network) {
        return network.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN)
                .map(p -> p.getArray().toFloatArray()).reduce(new float[0], (a, b) -> {
                    float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, c, a.length, b.length);
                    return c;
                });
    }
}
