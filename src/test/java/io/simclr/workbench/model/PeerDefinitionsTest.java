package io.simclr.workbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.simclr.workbench.train.EngineSetup;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The encoders bench/pytorch_encoders.py defines again compute what its PyTorch definitions compute with the same
 * weights: an inference-mode forward, then a training-mode forward (batch statistics) and the running
 * statistics it leaves (which pins the momentum), from a 40 px input both resize up. Needs a Python
 * with torch, named by SIMCLR_PEER_PYTHON (e.g. ~/peer/bin/python); skipped without it.
 */
class PeerDefinitionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = EncoderKind.class, names = {"INCEPTION_V3", "INCEPTION_RESNET_V2", "XCEPTION", "EFFICIENTNET_B0"})
    void pytorchComputesTheSameFeatures(EncoderKind encoder) throws Exception {
        String python = System.getenv("SIMCLR_PEER_PYTHON");
        assumeTrue(python != null && !python.isBlank(), "SIMCLR_PEER_PYTHON names no Python with torch");
        int size = 40;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            EngineSetup.seed(5);
            SimClrNetwork network = ModelFactory.create(new ModelConfig(encoder, StemKind.AUTO, HeadKind.NONE, 128, 0), size);
            ModelFactory.initialize(network, manager, size);
            NDArray x = manager.randomUniform(0, 1, new Shape(8, 3, size, size));
            write(dir.resolve("before.f32"), parameters(network));
            write(dir.resolve("input.f32"), List.of(x));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray evalH = network.encoder().forward(store, new NDList(x), false).singletonOrThrow();
            NDArray trainH = network.encoder().forward(store, new NDList(x), true).singletonOrThrow();
            write(dir.resolve("after.f32"), parameters(network));
            write(dir.resolve("train_h.f32"), List.of(trainH));
            write(dir.resolve("eval_h.f32"), List.of(evalH));
        }
        Process p = new ProcessBuilder(python, Path.of("bench/check_definitions.py").toAbsolutePath().toString(), encoder.id(), dir.toString(),
                String.valueOf(size), StemKind.AUTO.resolve(size, encoder).id()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        System.out.println(out);
        assertEquals(0, code, out);
    }

    private static List<NDArray> parameters(SimClrNetwork network) {
        List<NDArray> arrays = new ArrayList<>();
        for (Pair<String, Parameter> p : network.encoder().getParameters()) {
            arrays.add(p.getValue().getArray());
        }
        return arrays;
    }

    /** Little-endian float32, the arrays one after another. */
    private static void write(Path file, List<NDArray> arrays) throws IOException {
        try (OutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            for (NDArray a : arrays) {
                float[] values = a.toFloatArray();
                ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(values);
                out.write(buffer.array());
            }
        }
    }
}
