package io.simclr.workbench.method;

import com.google.gson.JsonElement;
import com.google.gson.annotations.SerializedName;
import io.simclr.workbench.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which self-supervised method a run trains with, and that method's own settings in the section
 * named as the method ({@code method.moco.queueSize}); the other methods' sections are absent.
 * Defaults are the method's paper's, or lightly's CIFAR-10 benchmark's where the paper's are for
 * ImageNet-sized runs.
 *
 * @param name the method
 */
public record MethodConfig(MethodKind name, SimClr simclr, MoCo moco, @SerializedName("memory-bank") MemoryBank memoryBank, Byol byol,
                           SimSiam simsiam, @SerializedName("barlow-twins") BarlowTwins barlowTwins, SwAV swav) {

    /** @param temperature NT-Xent's tau, above 0 (0.07 to 0.5 are usual) */
    public record SimClr(double temperature) {}

    /**
     * @param temperature     InfoNCE's tau (MoCo v2: 0.2)
     * @param queueSize       keys kept as negatives, a multiple of the batch size (4096)
     * @param momentum        of the key encoder's moving average at the start, in [0, 1) (0.99)
     * @param finalMomentum   where a cosine ramp takes it by the end of the run; equal to {@code momentum} for none, 1 at most
     * @param batchNormSplits groups each view's batch is split into for batch norm, keys over a shuffled batch; 1 = the whole
     *                        batch; 0 (the default) = {@link #splitsFor as many as the batch fills}
     */
    public record MoCo(double temperature, int queueSize, double momentum, double finalMomentum, int batchNormSplits) {

        /** Images a batch-norm group needs when the number of groups is left to the batch: fewer give noisy statistics. */
        static final int AUTO_GROUP_IMAGES = 8;
        /** At most this many groups, as MoCo's own CIFAR-10 demo uses. */
        static final int AUTO_MAX_GROUPS = 8;

        /**
         * The groups at {@code batchSize}: the configured number, or for 0 the most, up to {@value #AUTO_MAX_GROUPS}, that divide
         * the batch into groups of {@value #AUTO_GROUP_IMAGES} or more images — 8 at batch 64 and above, 2 at batch 16, 1 below.
         * Eight fixed groups of a batch of 16 would normalise pairs of images, and slow every step by sixteen forward passes.
         */
        public int splitsFor(int batchSize) {
            if (batchNormSplits > 0) {
                return batchNormSplits;
            }
            for (int groups = Math.min(AUTO_MAX_GROUPS, batchSize / AUTO_GROUP_IMAGES); groups > 1; groups--) {
                if (batchSize % groups == 0) {
                    return groups;
                }
            }
            return 1;
        }
    }

    /**
     * @param temperature tau of the softmax over the positive memory and the sampled negatives (0.07)
     * @param negatives   memories drawn as negatives each step (4096)
     * @param momentum    weight a stored feature keeps when its image is seen again, in [0, 1) (0.5)
     */
    public record MemoryBank(double temperature, int negatives, double momentum) {}

    /**
     * @param momentum           of the target's moving average at the start, in [0, 1) (0.99)
     * @param finalMomentum      where the cosine schedule takes it by the end of the run (1)
     * @param predictorHiddenDim hidden width of the predictor; 0 = the projection head's hidden width, as the paper
     */
    public record Byol(double momentum, double finalMomentum, int predictorHiddenDim) {}

    /**
     * @param predictorHiddenDim hidden width of the predictor; 0 = a bottleneck of a quarter of the projection's
     * @param stopGradient       no gradient through the target branch (switch off to watch it collapse)
     * @param predictor          the predictor on the online branch (switch off to watch it collapse)
     */
    public record SimSiam(int predictorHiddenDim, boolean stopGradient, boolean predictor) {}

    /** @param lambda weight of the off-diagonal (redundancy) terms, above 0 (0.0051) */
    public record BarlowTwins(double lambda) {}

    /**
     * @param temperature            tau of the prototype softmax (0.1)
     * @param prototypes             learnable cluster centres (100; lightly's CIFAR-10 benchmark 512, SwAV on ImageNet 3,000)
     * @param sinkhornIterations     Sinkhorn-Knopp iterations (3)
     * @param sinkhornEpsilon        its entropic regularisation (0.05)
     * @param freezePrototypesEpochs epochs at the start during which the prototypes do not move (1)
     * @param queueSize              past embeddings per view added to Sinkhorn's batch once full, for small batches; 0 = none
     */
    public record SwAV(double temperature, int prototypes, int sinkhornIterations, double sinkhornEpsilon, int freezePrototypesEpochs,
                       int queueSize) {}

    public static MethodConfig simclr(double temperature) {
        return new MethodConfig(MethodKind.SIMCLR, new SimClr(temperature), null, null, null, null, null, null);
    }

    /** The method with its defaults; SimCLR's temperature is left to the caller, as it depends on the data. */
    public static MethodConfig defaults(MethodKind kind, double simclrTemperature) {
        return switch (kind) {
            case SIMCLR -> simclr(simclrTemperature);
            case MOCO -> new MethodConfig(kind, null, new MoCo(0.2, 4096, 0.99, 0.99, 0), null, null, null, null, null);
            case MEMORY_BANK -> new MethodConfig(kind, null, null, new MemoryBank(0.07, 4096, 0.5), null, null, null, null);
            case BYOL -> new MethodConfig(kind, null, null, null, new Byol(0.99, 1.0, 0), null, null, null);
            case SIMSIAM -> new MethodConfig(kind, null, null, null, null, new SimSiam(0, true, true), null, null);
            case BARLOW_TWINS -> new MethodConfig(kind, null, null, null, null, null, new BarlowTwins(0.0051), null);
            case SWAV -> new MethodConfig(kind, null, null, null, null, null, null, new SwAV(0.1, 100, 3, 0.05, 1, 0));
        };
    }

    /** The chosen method's settings (its section), or null when it is missing. */
    public Object settings() {
        return section(name);
    }

    private Object section(MethodKind kind) {
        return switch (kind) {
            case SIMCLR -> simclr;
            case MOCO -> moco;
            case MEMORY_BANK -> memoryBank;
            case BYOL -> byol;
            case SIMSIAM -> simsiam;
            case BARLOW_TWINS -> barlowTwins;
            case SWAV -> swav;
        };
    }

    /** The temperature of the chosen method's loss; NaN for methods without one (BYOL, SimSiam, Barlow Twins). */
    public double temperature() {
        return switch (name) {
            case SIMCLR -> simclr.temperature();
            case MOCO -> moco.temperature();
            case MEMORY_BANK -> memoryBank.temperature();
            case SWAV -> swav.temperature();
            case BYOL, SIMSIAM, BARLOW_TWINS -> Double.NaN;
        };
    }

    /** The same method at another temperature (a sweep's runs differ only in this). */
    public MethodConfig withTemperature(double t) {
        return switch (name) {
            case SIMCLR -> simclr(t);
            case MOCO -> new MethodConfig(name, null, new MoCo(t, moco.queueSize(), moco.momentum(), moco.finalMomentum(),
                    moco.batchNormSplits()), null, null, null, null, null);
            case MEMORY_BANK -> new MethodConfig(name, null, null, new MemoryBank(t, memoryBank.negatives(), memoryBank.momentum()), null,
                    null, null, null);
            case SWAV -> new MethodConfig(name, null, null, null, null, null, null, new SwAV(t, swav.prototypes(), swav.sinkhornIterations(),
                    swav.sinkhornEpsilon(), swav.freezePrototypesEpochs(), swav.queueSize()));
            case BYOL, SIMSIAM, BARLOW_TWINS -> throw new IllegalArgumentException(name.id() + " has no temperature");
        };
    }

    /** SimSiam with its collapse guards switched as given (the collapse lesson turns them off). */
    public MethodConfig withSimSiamGuards(boolean stopGradient, boolean predictor) {
        if (name != MethodKind.SIMSIAM) {
            throw new IllegalArgumentException(name.id() + " has no stop-gradient or predictor switches");
        }
        return new MethodConfig(name, null, null, null, null, new SimSiam(simsiam.predictorHiddenDim(), stopGradient, predictor), null, null);
    }

    /** One line for reports and messages: "moco (temperature 0.2, queueSize 4096, …)". */
    public String describe() {
        Object settings = settings();
        if (settings == null) {
            return name.id();
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : Json.GSON.toJsonTree(settings).getAsJsonObject().entrySet()) {
            parts.add(e.getKey() + " " + e.getValue().getAsString());
        }
        return name.id() + " (" + String.join(", ", parts) + ")";
    }

    /** Every problem, each naming its key, the value and what is allowed; {@code batchSize} is the run's. */
    public List<String> problems(int batchSize) {
        List<String> problems = new ArrayList<>();
        if (name == null) {
            problems.add("method.name is missing; choose one of " + Stream.of(MethodKind.values()).map(MethodKind::id).toList());
            return problems;
        }
        for (MethodKind other : MethodKind.values()) {
            if (other != name && section(other) != null) {
                problems.add("method." + other.id() + " holds settings of " + other.id() + " but method.name is " + name.id()
                        + "; remove that section, or set method.name to " + other.id());
            }
        }
        if (settings() == null) {
            problems.add("method." + name.id() + " is missing; it holds the settings of " + name.id());
            return problems;
        }
        String at = "method." + name.id() + ".";
        switch (name) {
            case SIMCLR -> positive(problems, at + "temperature", simclr.temperature(), "0.07 to 0.5 are usual");
            case MOCO -> {
                positive(problems, at + "temperature", moco.temperature(), "0.2 is MoCo v2's");
                multipleOfBatch(problems, at + "queueSize", moco.queueSize(), batchSize, false);
                momentum(problems, at, moco.momentum(), moco.finalMomentum());
                int splits = moco.batchNormSplits();
                if (splits < 0 || splits > 0 && (batchSize % splits != 0 || batchSize / splits < 2)) {
                    problems.add(at + "batchNormSplits is " + splits + " but must divide the batch size " + batchSize
                            + " into groups of at least 2 (1 = the whole batch; 0 = as many groups of 8 or more as the batch fills, up to 8)");
                }
            }
            case MEMORY_BANK -> {
                positive(problems, at + "temperature", memoryBank.temperature(), "0.07 is the paper's");
                between(problems, at + "negatives", memoryBank.negatives(), 1, 65536, "4096 is the paper's");
                fraction(problems, at + "momentum", memoryBank.momentum(), "0.5 is the paper's");
            }
            case BYOL -> {
                momentum(problems, at, byol.momentum(), byol.finalMomentum());
                between(problems, at + "predictorHiddenDim", byol.predictorHiddenDim(), 0, 16384, "0 = the projection head's hidden width");
            }
            case SIMSIAM -> between(problems, at + "predictorHiddenDim", simsiam.predictorHiddenDim(), 0, 16384,
                    "0 = a quarter of the projection's width");
            case BARLOW_TWINS -> positive(problems, at + "lambda", barlowTwins.lambda(), "0.0051 is the paper's");
            case SWAV -> {
                positive(problems, at + "temperature", swav.temperature(), "0.1 is the paper's");
                between(problems, at + "prototypes", swav.prototypes(), 2, 65536, "100 to 3000 are usual");
                between(problems, at + "sinkhornIterations", swav.sinkhornIterations(), 1, 100, "3 is the paper's");
                positive(problems, at + "sinkhornEpsilon", swav.sinkhornEpsilon(), "0.05 is the paper's");
                between(problems, at + "freezePrototypesEpochs", swav.freezePrototypesEpochs(), 0, 10000, "1 is the paper's");
                multipleOfBatch(problems, at + "queueSize", swav.queueSize(), batchSize, true);
            }
        }
        return problems;
    }

    private static void positive(List<String> problems, String key, double value, String usual) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.add(key + " is " + value + " but must be above 0 (" + usual + ")");
        }
    }

    private static void fraction(List<String> problems, String key, double value, String usual) {
        if (!(value >= 0 && value < 1)) {
            problems.add(key + " is " + value + " but must be in [0, 1) (" + usual + ")");
        }
    }

    private static void between(List<String> problems, String key, int value, int min, int max, String usual) {
        if (value < min || value > max) {
            problems.add(key + " is " + value + " but must be " + min + " to " + max + " (" + usual + ")");
        }
    }

    private static void momentum(List<String> problems, String at, double start, double end) {
        fraction(problems, at + "momentum", start, "0.99 is usual");
        if (!(end >= start && end <= 1)) {
            problems.add(String.format(Locale.ROOT, "%sfinalMomentum is %s but must be from momentum (%s) to 1 (equal for a constant"
                    + " momentum, 1 for a cosine ramp to 1)", at, end, start));
        }
    }

    /** A queue the batch fills a whole number of times, so that the oldest keys are always replaced a batch at a time. */
    private static void multipleOfBatch(List<String> problems, String key, int value, int batchSize, boolean zeroAllowed) {
        if ((zeroAllowed && value == 0) || (value > 0 && batchSize > 0 && value % batchSize == 0 && value <= 1 << 20)) {
            return;
        }
        int near = Math.max(1, Math.round(Math.max(value, batchSize) / (float) Math.max(1, batchSize))) * batchSize;
        problems.add(key + " is " + value + " but must be a positive multiple of the batch size " + batchSize + " (e.g. " + near + ")"
                + (zeroAllowed ? ", or 0 for none" : ""));
    }
}
