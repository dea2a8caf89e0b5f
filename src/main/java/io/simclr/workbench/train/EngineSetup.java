package io.simclr.workbench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Chooses the device and the engine's thread count for a job. */
public final class EngineSetup {
    private EngineSetup() {}

    /** The device a config asks for: "gpu" fails clearly when there is none; "auto" takes a GPU when present. */
    public static Device device(String requested) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (requested) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("the device is gpu, but the engine sees no GPU (only the CPU natives are installed);"
                            + " choose cpu or auto");
                }
                yield Device.gpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }

    /** Sets the engine's intra-op threads; 0 keeps one per core. */
    public static void threads(int threads) {
        Engine.getEngine("PyTorch");
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
    }

    /**
     * Records gradients on the calling thread only inside gradient collectors. PyTorch records by
     * default on every new thread, and DJL's collector restores what it found when it closes, so a
     * job's own thread would otherwise record graphs of its state updates (moving averages, queues,
     * prototypes) and refuse in-place arithmetic on trainable arrays.
     */
    public static void gradientsOnlyInCollectors() {
        Engine.getEngine("PyTorch"); // loads the native library the call goes to, if nothing has yet
        JniUtils.setGradMode(false);
    }

    /** Seeds the engine's generator, which initialises the weights. */
    public static void seed(long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
