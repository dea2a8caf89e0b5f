package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tiny real runs of every method (TrainerTest's: 64 images, batch 16, 4 steps an epoch). */
class MethodRunsTest {

    @TempDir
    Path dir;

    /** Settings that fit a batch of 16 and set every part to work within two epochs: queues fill and are used, SwAV's prototypes thaw. */
    static MethodConfig tinySettings(MethodKind kind) {
        return switch (kind) {
            case SIMCLR -> MethodConfig.simclr(0.5);
            case MOCO -> new MethodConfig(kind, null, new MethodConfig.MoCo(0.2, 64, 0.99, 1.0, 2), null, null, null, null, null);
            case MEMORY_BANK -> new MethodConfig(kind, null, null, new MethodConfig.MemoryBank(0.07, 128, 0.5), null, null, null, null);
            case SWAV -> new MethodConfig(kind, null, null, null, null, null, null, new MethodConfig.SwAV(0.1, 20, 3, 0.05, 1, 32));
            default -> MethodConfig.defaults(kind, 0.5);
        };
    }

    private static TrainConfig tiny(MethodKind kind) {
        return TrainerTest.tiny(2).withMethod(tinySettings(kind));
    }

    /** Columns that measure time, not training: they differ between any two runs. */
    private static final Set<String> CLOCKS = Set.of("views_per_s", "elapsed_s", "eta_s");

    /**
     * A run stopped after the first step of its second epoch and resumed logs what an uninterrupted
     * run logs, to the printed digit: the weights, the optimizer, the method's target, predictor,
     * prototypes, queue or bank, and every schedule come back exactly.
     */
    @ParameterizedTest
    @EnumSource(MethodKind.class)
    void aStoppedRunOfAnyMethodResumesExactlyWhereItStopped(MethodKind kind) throws IOException {
        TrainConfig config = tiny(kind);
        TrainingOutcome straight = new Trainer(config, RunFolder.create(dir.resolve("straight"), config), new TrainingControl()).train(false);
        assertEquals(TrainingOutcome.Status.COMPLETED, straight.status(), straight.message());

        Path runDir = dir.resolve("interrupted");
        TrainingControl control = new TrainingControl();
        Trainer first = new Trainer(config, RunFolder.create(runDir, config), control);
        first.addListener(new TrainingListener() {
            @Override public void onStep(StepMetrics step) {
                if (step.globalStep() == 4) {
                    control.requestStop();
                }
            }
        });
        assertEquals(TrainingOutcome.Status.STOPPED, first.train(false).status());
        TrainingOutcome resumed = new Trainer(config, RunFolder.open(runDir), new TrainingControl()).train(true);
        assertEquals(TrainingOutcome.Status.COMPLETED, resumed.status(), resumed.message());

        List<String> expected = Files.readAllLines(dir.resolve("straight").resolve("metrics.csv"));
        List<String> actual = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertEquals(expected.size(), actual.size());
        String[] header = expected.get(0).split(",");
        for (int row = 1; row < expected.size(); row++) {
            String[] e = expected.get(row).split(",");
            String[] a = actual.get(row).split(",");
            for (int c = 0; c < header.length; c++) {
                if (!CLOCKS.contains(header[c])) {
                    assertEquals(e[c], a[c], header[c] + " at step " + (row - 1));
                }
            }
        }
    }

    /**
     * Each method logs the figures that explain it; the others leave those columns NaN. The run is on
     * a thread of its own, as the training service's: PyTorch records gradients by default on a new
     * thread, and the methods' state updates must work there too.
     */
    @ParameterizedTest
    @EnumSource(MethodKind.class)
    void everyMethodLogsItsOwnFigures(MethodKind kind) throws Exception {
        TrainConfig config = tiny(kind);
        Trainer trainer = new Trainer(config, RunFolder.create(dir.resolve("run"), config), new TrainingControl());
        TrainingOutcome outcome = java.util.concurrent.CompletableFuture.supplyAsync(() -> trainer.train(false),
                r -> new Thread(r, "a new thread").start()).get();
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        MetricsTable m = MetricsCsv.read(dir.resolve("run").resolve("metrics.csv"));
        assertEquals(8, m.get(Metric.LOSS).length);
        for (Metric always : List.of(Metric.LOSS, Metric.TOP1, Metric.POSITIVE_SIMILARITY, Metric.ALIGNMENT, Metric.UNIFORMITY,
                Metric.EMBEDDING_STD, Metric.GRADIENT_NORM)) {
            assertTrue(java.util.Arrays.stream(m.get(always)).allMatch(Double::isFinite), always + " for " + kind.id());
        }
        assertEquals(1 / Math.sqrt(128), m.get(Metric.HEALTHY_STD)[0], 1e-6, "the collapse meter's healthy level, 1/sqrt(d)");
        boolean momentum = kind == MethodKind.MOCO || kind == MethodKind.BYOL;
        boolean queue = kind == MethodKind.MOCO || kind == MethodKind.MEMORY_BANK || kind == MethodKind.SWAV;
        boolean negatives = kind == MethodKind.MOCO || kind == MethodKind.MEMORY_BANK;
        assertEquals(momentum, Double.isFinite(m.get(Metric.MOMENTUM)[7]), "momentum");
        assertEquals(queue, Double.isFinite(m.get(Metric.QUEUE_FILL)[7]), "queue fill");
        assertEquals(negatives, Double.isFinite(m.get(Metric.NEGATIVE_AGE)[7]), "age of the negatives");
        assertEquals(kind == MethodKind.SWAV, Double.isFinite(m.get(Metric.PROTOTYPES_USED)[7]), "prototypes in use");
        assertEquals(kind == MethodKind.SIMCLR, Double.isFinite(m.get(Metric.ENTROPY)[7]), "NT-Xent's entropy is SimCLR's");
        switch (kind) {
            case MOCO -> {
                assertEquals(0.99, m.get(Metric.MOMENTUM)[0], 1e-9);
                assertEquals(1.0, m.get(Metric.MOMENTUM)[7] + 1e-3, 1e-3, "the cosine ramp nears 1 at the end");
                assertEquals(1.0, m.get(Metric.QUEUE_FILL)[1], 1e-9, "two steps of 2 x 16 keys fill a queue of 64");
                assertEquals(1.5, m.get(Metric.NEGATIVE_AGE)[3], 1e-9, "at step 3 the queue holds the keys of steps 1 and 2");
            }
            case BYOL -> assertTrue(m.get(Metric.MOMENTUM)[7] > m.get(Metric.MOMENTUM)[0]);
            case MEMORY_BANK -> assertEquals(1.0, m.get(Metric.QUEUE_FILL)[7], 1e-9, "after an epoch every image has a memory");
            case SWAV -> {
                assertTrue(m.get(Metric.PROTOTYPES_USED)[0] >= 1 && m.get(Metric.PROTOTYPES_USED)[0] <= 20);
                assertTrue(m.get(Metric.ASSIGNMENT_ENTROPY)[0] <= Math.log(20) + 1e-9);
            }
            default -> { }
        }
    }
}
