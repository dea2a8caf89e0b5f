package io.simclr.workbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exported names are torchvision's, entry for entry: the reference lists under
 * {@code src/test/resources/torch-names/} are torchvision 0.14's {@code state_dict()} keys and shapes
 * (classifier left out), and the small encoder's is that of {@code bench/workbench_models.py}.
 */
class TorchNamesTest {

    @ParameterizedTest
    @CsvSource({"resnet18,imagenet", "resnet50,imagenet", "efficientnet-b0,imagenet", "small,light"})
    void encoderEntriesAreTorchvisionsInNameShapeAndOrder(String encoder, String stem) throws IOException {
        List<String> expected = reference(encoder);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SimClrNetwork network = network(new ModelConfig(EncoderKind.parse(encoder), StemKind.parse(stem), HeadKind.MLP, 128, 0), manager);
            assertEquals(expected, lines(TorchNames.of(network, false)));
        }
    }

    @Test
    void theSmallImageStemKeepsTheNamesAndChangesOnlyConv1sShape() throws IOException {
        List<String> imagenet = reference("resnet18");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<String> cifar = lines(TorchNames.of(network(new ModelConfig(EncoderKind.RESNET18, StemKind.CIFAR, HeadKind.NONE, 128, 0),
                    manager), false));
            assertEquals(imagenet.size(), cifar.size());
            for (int i = 0; i < cifar.size(); i++) {
                assertEquals(i == 0 ? "conv1.weight 64,3,3,3" : imagenet.get(i), cifar.get(i));
            }
        }
    }

    @Test
    void headsAreNumberedAsTorchSequentialNumbersThem() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertEquals(List.of("projection_head.0.weight 256,256", "projection_head.1.weight 256", "projection_head.1.bias 256",
                    "projection_head.1.running_mean 256", "projection_head.1.running_var 256", "projection_head.1.num_batches_tracked ",
                    "projection_head.3.weight 64,256", "projection_head.3.bias 64"), headLines(HeadKind.MLP, manager));
            assertEquals(List.of("projection_head.0.weight 256,256", "projection_head.0.bias 256", "projection_head.2.weight 64,256",
                    "projection_head.2.bias 64"), headLines(HeadKind.MLP_NO_BN, manager));
            assertEquals(List.of("projection_head.weight 64,256"), headLines(HeadKind.LINEAR, manager));
            assertEquals(List.of(), headLines(HeadKind.NONE, manager));
        }
    }

    @Test
    void theTwinSaysWhichStemsTorchvisionHasAndHowToReplaceTheOthers() {
        TorchNames.Twin imagenet = TorchNames.twin(ModelConfig.defaults(EncoderKind.RESNET18), StemKind.IMAGENET, 512);
        assertEquals("resnet18", imagenet.torchvisionModel());
        assertTrue(imagenet.stemIsTorchvisions());
        assertEquals(List.of("model = torchvision.models.resnet18()", "model.fc = torch.nn.Identity()"), imagenet.python());

        TorchNames.Twin cifar = TorchNames.twin(ModelConfig.defaults(EncoderKind.RESNET18), StemKind.CIFAR, 512);
        assertFalse(cifar.stemIsTorchvisions());
        assertTrue(cifar.stemNote().contains("has no torchvision twin"), cifar.stemNote());
        assertTrue(cifar.python().contains("model.conv1 = torch.nn.Conv2d(3, 64, 3, 1, 1, bias=False)"), cifar.python().toString());
        assertTrue(cifar.python().contains("model.maxpool = torch.nn.Identity()"), cifar.python().toString());

        TorchNames.Twin small = TorchNames.twin(ModelConfig.defaults(EncoderKind.SMALL), StemKind.LIGHT, 256);
        assertNull(small.torchvisionModel());
        assertTrue(small.python().get(0).contains("bench/workbench_models.py"), small.python().toString());

        TorchNames.Twin efficient = TorchNames.twin(ModelConfig.defaults(EncoderKind.EFFICIENTNET_B0), StemKind.CIFAR, 1280);
        assertEquals(List.of("model = torchvision.models.efficientnet_b0()", "model.features[0][0].stride = (1, 1)",
                "model.classifier = torch.nn.Identity()"), efficient.python());
    }

    private static List<String> headLines(HeadKind head, NDManager manager) {
        SimClrNetwork network = network(new ModelConfig(EncoderKind.SMALL, StemKind.LIGHT, head, 64, 0), manager);
        return lines(TorchNames.of(network, true)).stream().filter(l -> l.startsWith(TorchNames.HEAD_PREFIX)).toList();
    }

    private static SimClrNetwork network(ModelConfig config, NDManager manager) {
        SimClrNetwork network = ModelFactory.create(config, 32);
        ModelFactory.initialize(network, manager, 32);
        return network;
    }

    private static List<String> lines(List<TorchTensor> tensors) {
        return tensors.stream().map(t -> t.name() + " " + Arrays.stream(t.shape().getShape()).mapToObj(String::valueOf)
                .collect(Collectors.joining(","))).toList();
    }

    private static List<String> reference(String encoder) throws IOException {
        try (InputStream in = TorchNamesTest.class.getResourceAsStream("/torch-names/" + encoder + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
    }
}
