package io.simclr.workbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.train.CheckpointStore;
import io.simclr.workbench.train.StepMetrics;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a study keeps what it finished and the running cell's checkpoint; starting it again finishes it. */
class ExperimentStopTest {

    @TempDir
    Path dir;

    private static final List<AugmentationStudy.Operation> OPS = List.of(AugmentationStudy.Operation.CROP, AugmentationStudy.Operation.BLUR);

    private static TrainConfig tiny() {
        return AugmentationStudy.base(DataConfig.shapes().withCounts(60, 20), 12, 2, 1, 0);
    }

    @Test
    void aStopBetweenCellsKeepsTheFinishedOnesAndTheNextStartRunsOnlyTheRest() throws Exception {
        Path study = dir.resolve("study");
        ExperimentControl control = new ExperimentControl();
        List<ExperimentProgress> seen = new ArrayList<>();
        CancellationException stopped = assertThrows(CancellationException.class, () -> AugmentationStudy.run(tiny(), OPS, study, List.of(), p -> {
            seen.add(p);
            if (p.stage() == ExperimentProgress.Stage.DONE) {
                control.stop();
            }
        }, control));
        assertTrue(stopped.getMessage().contains("crop+blur"), stopped.getMessage());
        assertEquals(1, AugmentationStudy.load(study).orElseThrow().cells().size(), "the finished cell is kept");
        assertEquals(List.of(ExperimentProgress.Stage.TRAINING, ExperimentProgress.Stage.EVALUATING, ExperimentProgress.Stage.DONE),
                seen.stream().map(ExperimentProgress::stage).toList());
        byte[] firstCellMetrics = Files.readAllBytes(study.resolve("crop+crop/metrics.csv"));

        List<ExperimentProgress> again = new ArrayList<>();
        AugmentationStudy.Summary done = AugmentationStudy.run(tiny(), OPS, study, List.of(), again::add, new ExperimentControl());
        assertEquals(4, done.cells().size());
        assertEquals(ExperimentProgress.Stage.ALREADY_DONE, again.get(0).stage());
        assertEquals("crop+crop", again.get(0).name());
        assertArrayEquals(firstCellMetrics, Files.readAllBytes(study.resolve("crop+crop/metrics.csv")), "a finished cell is not trained again");
        AugmentationStudy.Grid grid = AugmentationStudy.Grid.of(done);
        for (double[] row : grid.values()) {
            for (double v : row) {
                assertTrue(v >= 0 && v <= 1, "every cell has a top-1: " + v);
            }
        }
        assertEquals((grid.values()[0][0] + grid.values()[0][1]) / 2, grid.rowMeans()[0], 1e-12);
        assertEquals((grid.values()[0][1] + grid.values()[1][1]) / 2, grid.columnMeans()[1], 1e-12);
    }

    @Test
    void aStopInsideACellKeepsItsCheckpointAndTheNextStartContinuesIt() throws Exception {
        Path study = dir.resolve("study");
        ExperimentControl control = new ExperimentControl();
        TrainingListener stopAtFirstStep = new TrainingListener() {
            @Override
            public void onStep(StepMetrics step) {
                control.stop();
            }
        };
        CancellationException stopped = assertThrows(CancellationException.class,
                () -> AugmentationStudy.run(tiny(), OPS, study, List.of(stopAtFirstStep), p -> {}, control));
        assertTrue(stopped.getMessage().contains("crop+crop") && stopped.getMessage().contains("checkpoint"), stopped.getMessage());
        assertTrue(!new CheckpointStore(study.resolve("crop+crop/checkpoints")).newestFirst().isEmpty(), "the stopped cell keeps a checkpoint");
        assertTrue(AugmentationStudy.load(study).orElseThrow().cells().isEmpty(), "a stopped cell is not scored");
        assertFalse(Files.exists(study.resolve("crop+blur")), "no cell starts after a stop");

        List<ExperimentProgress> again = new ArrayList<>();
        AugmentationStudy.Summary done = AugmentationStudy.run(tiny(), OPS, study, List.of(), again::add, new ExperimentControl());
        assertEquals(4, done.cells().size());
        assertEquals(new ExperimentProgress(1, 4, "crop+crop", ExperimentProgress.Stage.TRAINING), again.get(0));
    }

    /** A comparison stopped inside its second method keeps the first's result and the second's checkpoint; started again it finishes. */
    @Test
    void aComparisonStoppedInsideAMethodContinuesIt() throws Exception {
        Path folder = dir.resolve("compare");
        List<io.simclr.workbench.method.MethodKind> methods = List.of(io.simclr.workbench.method.MethodKind.SIMCLR,
                io.simclr.workbench.method.MethodKind.SIMSIAM);
        ExperimentControl control = new ExperimentControl();
        TrainingListener stopInTheSecond = new TrainingListener() {
            @Override
            public void onStep(StepMetrics step) {
                if (Files.exists(folder.resolve("simsiam"))) {
                    control.stop();
                }
            }
        };
        CancellationException stopped = assertThrows(CancellationException.class,
                () -> MethodComparison.run(tiny(), methods, folder, List.of(stopInTheSecond), p -> {}, control));
        assertTrue(stopped.getMessage().contains("simsiam") && stopped.getMessage().contains("checkpoint"), stopped.getMessage());
        assertEquals(1, MethodComparison.load(folder).orElseThrow().cells().size());
        assertFalse(new CheckpointStore(folder.resolve("simsiam/checkpoints")).newestFirst().isEmpty());
        MethodComparison.Summary done = MethodComparison.run(tiny(), methods, folder, List.of(), p -> {}, new ExperimentControl());
        assertEquals(List.of("simclr", "simsiam"), done.cells().stream().map(MethodComparison.Cell::method).toList());
        assertTrue(done.cells().get(1).epochs() == 2 && done.cells().get(1).knnTop1() != null, done.cells().get(1).toString());
    }
}
