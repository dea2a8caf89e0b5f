package io.simclr.workbench.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodContext;
import io.simclr.workbench.method.TrainingMethod;
import io.simclr.workbench.model.FlopCounter;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.stats.Median;

/**
 * Times full training steps of a method (for SimCLR: forward through f and g, NT-Xent, backward,
 * Adam) on random input, after warm-up — the step the trainer runs — and measures the engine's
 * matrix-multiply peak in the same process, so the achieved rate can be read against what the
 * machine can do.
 */
public final class TrainingBenchmark {

    /**
     * @param secondsPerPhase the timed steps' mean seconds in each phase
     */
    public record Result(double viewsPerSecond, double achievedGflops, double peakGflops, double[] stepSeconds, long forwardMacsPerView,
                         java.util.Map<StepPhases.Phase, Double> secondsPerPhase) {}

    /**
     * What to time beyond the bare step.
     *
     * @param withMetrics   compute the batch metrics and the gradient norm every step, as training does when it logs each step
     * @param profileSteps  steps run after the timed ones under the engine's operator profiler (0 = none)
     * @param profileTrace  where the profiler writes its Chrome trace of those steps
     */
    public record Options(boolean withMetrics, int profileSteps, java.nio.file.Path profileTrace) {
        public static final Options BARE = new Options(false, 0, null);
    }

    private TrainingBenchmark() {}

    /** A memory bank as large as CIFAR-10's training split. */
    private static final int BANK_IMAGES = 50_000;

    /**
     * @param method the method with its settings; the achieved GFLOP/s count the network's own training work, so a method that
     *               also runs a momentum target or a predictor does more than they say
     */
    public static Result run(ModelConfig model, MethodConfig method, int size, int batch, int warmup, int steps, int threads) {
        return run(model, method, size, batch, warmup, steps, threads, Options.BARE);
    }

    public static Result run(ModelConfig model, MethodConfig method, int size, int batch, int warmup, int steps, int threads,
                             Options options) {
        var problems = method.problems(batch);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        EngineSetup.threads(threads);
        EngineSetup.gradientsOnlyInCollectors();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            EngineSetup.seed(0);
            SimClrNetwork network = ModelFactory.create(model, size);
            ModelFactory.initialize(network, manager, size);
            ParameterOptimizer optimizer = ParameterOptimizer.create(OptimizerKind.ADAM, manager, 1e-4);
            TrainingMethod trained = TrainingMethod.create(method, new MethodContext(network, new ParameterStore(manager, false), manager,
                    size, BANK_IMAGES, batch, warmup + steps + options.profileSteps(), warmup + steps + options.profileSteps(), 0));
            TrainingStep step = new TrainingStep(network, trained, optimizer);
            NDArray input = manager.randomUniform(0, 1, new Shape(2L * batch, 3, size, size));
            int[] images = new int[batch];
            for (int i = 0; i < batch; i++) {
                images[i] = i;
            }
            double[] seconds = new double[steps];
            for (int i = -warmup; i < steps; i++) {
                if (i == 0) {
                    step.phases().reset();
                }
                long start = System.nanoTime();
                runStep(step, manager, input, images, i + warmup, options.withMetrics());
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            var secondsPerPhase = step.phases().meanSeconds();
            if (options.profileSteps() > 0) {
                OperatorProfile.start();
                try {
                    for (int i = 0; i < options.profileSteps(); i++) {
                        runStep(step, manager, input, images, warmup + steps + i, options.withMetrics());
                    }
                } finally {
                    OperatorProfile.stop(options.profileTrace());
                }
            }
            double median = Median.of(seconds);
            long macsPerView = FlopCounter.forwardMacs(network, size);
            // A training step is about three forward passes of work: forward, gradients of activations, of weights.
            double achieved = 3.0 * 2.0 * macsPerView * 2 * batch / median / 1e9;
            return new Result(2.0 * batch / median, achieved, matmulPeakGflops(manager), seconds, macsPerView, secondsPerPhase);
        }
    }

    private static void runStep(TrainingStep step, NDManager manager, NDArray input, int[] images, long index, boolean withMetrics) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(scope);
            step.run(x, images, index, 3e-4, withMetrics);
        }
    }

    /** The engine's fp32 matrix-multiply rate on 1024 x 1024 matrices, median of 10. */
    static double matmulPeakGflops(NDManager manager) {
        int n = 1024;
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = scope.randomUniform(-1, 1, new Shape(n, n));
            double[] seconds = new double[10];
            for (int i = -3; i < seconds.length; i++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // forces the result
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            return 2.0 * n * n * n / Median.of(seconds) / 1e9;
        }
    }
}
