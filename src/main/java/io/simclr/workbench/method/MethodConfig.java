package io.simclr.workbench.method;

import java.util.ArrayList;
import java.util.List;

/**
 * Which self-supervised method a run trains with, and that method's own settings under its name
 * (the other methods' sections are absent).
 *
 * @param name   the method
 * @param simclr SimCLR's settings, when {@code name} is simclr
 */
public record MethodConfig(MethodKind name, SimClr simclr) {

    /** @param temperature NT-Xent's tau, above 0 (0.07 to 0.5 are usual) */
    public record SimClr(double temperature) {}

    public static MethodConfig simclr(double temperature) {
        return new MethodConfig(MethodKind.SIMCLR, new SimClr(temperature));
    }

    /** The temperature of the chosen method's loss. */
    public double temperature() {
        return switch (name) {
            case SIMCLR -> simclr.temperature();
        };
    }

    /** The same method at another temperature (a sweep's runs differ only in this). */
    public MethodConfig withTemperature(double t) {
        return switch (name) {
            case SIMCLR -> simclr(t);
        };
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null) {
            problems.add("method.name is missing; choose one of " + List.of(MethodKind.values()).stream().map(MethodKind::id).toList());
            return problems;
        }
        switch (name) {
            case SIMCLR -> {
                if (simclr == null) {
                    problems.add("method.simclr is missing; it holds SimCLR's temperature");
                } else if (!(simclr.temperature() > 0) || Double.isInfinite(simclr.temperature())) {
                    problems.add("method.simclr.temperature is " + simclr.temperature() + " but must be above 0 (0.07 to 0.5 are usual)");
                }
            }
        }
        return problems;
    }
}
