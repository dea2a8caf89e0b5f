package io.simclr.workbench.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;

/**
 * What the deep-learning engine is and where it came from: versions, devices, threads, offline mode
 * and the folder its native libraries were loaded from.
 */
public record EngineInfo(String engineName, String djlVersion, String pytorchVersion, int gpuCount, String defaultDevice,
                         int intraOpThreads, int interOpThreads, boolean offline, String nativeLibraryPath, String cacheDir) {

    /** Starts the PyTorch engine (loading its natives) and reads what it reports. */
    public static EngineInfo collect() {
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new EngineUnavailableException("the PyTorch engine did not start (" + e.getMessage() + "). The native library comes from"
                    + " the pytorch-native-cpu jar in lib/; check it is there and that " + Utils.getEngineCacheDir() + " is writable."
                    + " A build made with -Dgpu has no natives inside: start it once online with -Dai.djl.offline=false so the engine"
                    + " fetches the ones for your GPU", e);
        }
        return new EngineInfo(engine.getEngineName(), Engine.getDjlVersion(), engine.getVersion(), engine.getGpuCount(),
                engine.defaultDevice().toString(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                Utils.isOfflineMode(), LibUtils.getLibtorchPath(), Utils.getEngineCacheDir().toString());
    }
}
