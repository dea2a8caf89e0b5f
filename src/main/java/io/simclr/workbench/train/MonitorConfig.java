package io.simclr.workbench.train;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run records about itself: how often a metrics row is written, and the kNN monitor that
 * scores the encoder when training ends.
 *
 * @param logEvery       steps between rows of {@code metrics.csv}
 * @param knnK           neighbours; 0 picks 200, or 20 for classes under 200 images
 * @param knnTemperature temperature of the kNN votes
 */
public record MonitorConfig(int logEvery, int knnK, double knnTemperature) {

    public static final MonitorConfig DEFAULT = new MonitorConfig(1, 0, 0.1);

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (logEvery < 1) problems.add("monitor.logEvery is " + logEvery + " but must be at least 1");
        if (knnK < 0) problems.add("monitor.knnK is " + knnK + " but must be 0 (automatic) or more");
        if (!(knnTemperature > 0) || Double.isInfinite(knnTemperature)) {
            problems.add("monitor.knnTemperature is " + knnTemperature + " but must be above 0");
        }
        return problems;
    }
}
