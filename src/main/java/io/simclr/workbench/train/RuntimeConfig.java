package io.simclr.workbench.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How one invocation runs, not what the run is: the device, threads, and a limit on this
 * invocation's training time. A resumed run takes these from the resuming command or window, never
 * from the run's {@code config.json} (where they record the first invocation).
 *
 * @param device         auto, cpu or gpu
 * @param threads        engine threads; 0 is one per core
 * @param augmentThreads threads preparing views; 0 picks from the core count
 * @param maxSeconds     stop (resumably) after this many seconds of training in this invocation; 0: no limit
 */
public record RuntimeConfig(String device, int threads, int augmentThreads, double maxSeconds) {

    public static final RuntimeConfig DEFAULT = new RuntimeConfig("auto", 0, 0, 0);

    public RuntimeConfig withThreads(int t) {
        return new RuntimeConfig(device, t, augmentThreads, maxSeconds);
    }

    /**
     * How a resume runs: as the run's first invocation did (its device and threads, so its numbers
     * continue step for step) unless asked otherwise, and with no time limit unless one is given
     * now — a limit is of one invocation. A null argument keeps the stored value.
     */
    public RuntimeConfig forResume(String newDevice, Integer newThreads, Integer newAugmentThreads, Double newMaxSeconds) {
        return new RuntimeConfig(newDevice != null ? newDevice : device, newThreads != null ? newThreads : threads,
                newAugmentThreads != null ? newAugmentThreads : augmentThreads, newMaxSeconds != null ? newMaxSeconds : 0);
    }

    public RuntimeConfig withMaxSeconds(double seconds) {
        return new RuntimeConfig(device, threads, augmentThreads, seconds);
    }

    public int effectiveAugmentThreads() {
        return augmentThreads > 0 ? augmentThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!List.of("auto", "cpu", "gpu").contains(device)) problems.add("runtime.device is '" + device + "' but must be auto, cpu or gpu");
        if (threads < 0 || threads > 1024) problems.add("runtime.threads is " + threads + " but must be 0 (one per core) to 1024");
        if (augmentThreads < 0 || augmentThreads > 1024) {
            problems.add("runtime.augmentThreads is " + augmentThreads + " but must be 0 (automatic) to 1024");
        }
        if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
            problems.add("runtime.maxSeconds is " + maxSeconds + " but must be 0 (no limit) or more");
        }
        return problems;
    }
}
