package io.simclr.workbench.train;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * The engine's own operator profiler (libtorch's, as {@code torch.profiler} in Python uses): every
 * operation the engine runs between start and stop, with its input shapes, written as a Chrome trace
 * that {@code bench/profile_ops.py} sums per operator beside PyTorch's.
 */
final class OperatorProfile {

    private OperatorProfile() {}

    static void start() {
        JniUtils.startProfile(false, true, false);
    }

    static void stop(Path trace) {
        JniUtils.stopProfile(trace.toAbsolutePath().toString());
    }
}
