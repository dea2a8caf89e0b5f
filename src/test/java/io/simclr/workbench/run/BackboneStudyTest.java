package io.simclr.workbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny study on the built-in shapes: two encoders x two heads, one epoch each, then the best cell fine-tuned on three classes. */
class BackboneStudyTest {

    @TempDir
    Path dir;

    private static BackboneStudy.Settings tiny(BackboneStudy.FineTune fineTune) {
        return new BackboneStudy.Settings(List.of(EncoderKind.SMALL, EncoderKind.RESNET18), List.of(8, 16), List.of(12), StemKind.IMAGENET, 0, 2,
                1e-3, 1, List.of("star", "circle", "ring"), fineTune, 0.5, 1);
    }

    private static TrainConfig base(BackboneStudy.Settings settings) {
        return BackboneStudy.base(DataConfig.shapes().withCounts(60, 30), settings, 1);
    }

    @Test
    void aStoppedStudyKeepsItsCellsAndFinishesWithTheTableAndTheFineTunedBestCell() throws Exception {
        Path study = dir.resolve("study");
        BackboneStudy.Settings settings = tiny(BackboneStudy.FineTune.BEST);
        ExperimentControl control = new ExperimentControl();
        List<ExperimentProgress> seen = new ArrayList<>();
        CancellationException stopped = assertThrows(CancellationException.class, () -> BackboneStudy.run(base(settings), settings, study, List.of(), p -> {
            seen.add(p);
            if (p.stage() == ExperimentProgress.Stage.DONE) {
                control.stop();
            }
        }, control));
        assertTrue(stopped.getMessage().contains("small-head16-batch12"), stopped.getMessage());
        BackboneStudy.Summary partial = BackboneStudy.load(study).orElseThrow();
        assertEquals(1, partial.cells().size(), "the finished cell is kept");
        assertEquals(5, seen.get(0).cells(), "four cells and the fine-tuning");
        assertNotNull(partial.row("small").orElseThrow().randomInitLinearTop1(), "the baseline is probed with the encoder's first cell");
        assertNull(partial.row("resnet18").orElseThrow().randomInitLinearTop1());
        assertTrue(Files.readString(study.resolve("study.html")).contains("not run"));
        byte[] firstCellMetrics = Files.readAllBytes(study.resolve("small-head8-batch12/metrics.csv"));

        List<ExperimentProgress> again = new ArrayList<>();
        BackboneStudy.Summary done = BackboneStudy.run(base(settings), settings, study, List.of(), again::add, new ExperimentControl());
        assertEquals(new ExperimentProgress(1, 5, "small-head8-batch12", ExperimentProgress.Stage.ALREADY_DONE), again.get(0));
        assertArrayEquals(firstCellMetrics, Files.readAllBytes(study.resolve("small-head8-batch12/metrics.csv")), "a finished cell is not trained again");
        assertEquals(4, done.cells().size());
        for (BackboneStudy.Cell c : done.cells()) {
            assertTrue(c.linearTop1H() >= 0 && c.linearTop1H() <= 1 && c.linearTop1Z() >= 0 && c.linearTop1Z() <= 1, c.toString());
            assertTrue(c.steps() > 0 && c.trainingSeconds() > 0 && c.evaluationSeconds() > 0, c.toString());
            assertNull(c.fineTuned(), "only the best cell is fine-tuned");
            RunEvaluation.Report eval = RunEvaluation.read(study.resolve(c.run())).orElseThrow();
            assertEquals(List.of(eval.checkpoint()), new io.simclr.workbench.train.CheckpointStore(study.resolve(c.run()).resolve("checkpoints"))
                    .newestFirst().stream().map(f -> f.getFileName().toString()).toList(), "a scored cell keeps the checkpoint it was scored from");
            assertEquals(c.linearTop1H(), eval.trained().linearTop1(), 1e-12, "the cell's eval.json has its h score");
        }
        assertEquals(2, done.rows().size());
        assertEquals(11_176_512, done.row("resnet18").orElseThrow().parameters());
        assertTrue(done.rows().stream().allMatch(r -> r.randomInitLinearTop1() != null));

        BackboneStudy.FineTuned tuned = done.downstream();
        assertEquals(done.best().orElseThrow().run(), tuned.run());
        assertEquals(List.of("star", "circle", "ring"), tuned.classes(), "in the order the flag names them");
        assertEquals(3, tuned.report().classes().size());
        assertEquals(List.of("star", "circle", "ring"), tuned.report().classes().stream().map(c -> c.name()).toList());
        assertTrue(tuned.report().classes().stream().allMatch(c -> c.support() > 0));

        String html = Files.readString(study.resolve("study.html"));
        assertFalse(html.contains("not run"));
        assertTrue(html.contains("<th>head 8</th><th>head 16</th>") && html.contains("<h2>Batch 12</h2>") && html.contains("11.2 M"), html);
        assertTrue(html.contains("F1 per class") && html.contains(">ring</text>"), "the per-class F1 chart");

        List<ExperimentProgress> third = new ArrayList<>();
        BackboneStudy.run(base(settings), settings, study, List.of(), third::add, new ExperimentControl());
        assertTrue(third.stream().allMatch(p -> p.stage() == ExperimentProgress.Stage.ALREADY_DONE), "a finished study runs nothing again: " + third);
    }

    @Test
    void aStudyTrainedOtherwiseIsNotContinuedWithOtherSettings() throws Exception {
        Path study = dir.resolve("study");
        BackboneStudy.Settings one = new BackboneStudy.Settings(List.of(EncoderKind.SMALL), List.of(8), List.of(12), StemKind.IMAGENET, 0, 1, 1e-3, 1,
                List.of(), BackboneStudy.FineTune.NONE, 1, 1);
        BackboneStudy.Summary done = BackboneStudy.run(base(one), one, study, List.of(), p -> {}, new ExperimentControl());
        assertNull(done.downstream());
        BackboneStudy.Settings otherSeed = new BackboneStudy.Settings(one.encoders(), one.headDims(), one.batchSizes(), one.stem(), 0, 1, 1e-3, 2,
                List.of(), BackboneStudy.FineTune.NONE, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackboneStudy.run(base(otherSeed), otherSeed, study, List.of(), p -> {}, new ExperimentControl()));
        assertTrue(e.getMessage().contains("seed 1") && e.getMessage().contains("new folder"), e.getMessage());
    }

    /** Names a user controls (class folders, the data folder) reach the page as text, not markup. */
    @Test
    void thePageEscapesNamesItDidNotChoose() {
        var scores = new io.simclr.workbench.eval.ClassificationReport.ClassScores("<b>cat</b>", 0.5, 0.5, 0.5, 3);
        var report = new io.simclr.workbench.eval.ClassificationReport(0.5, List.of(scores), 0.5, 0.5, 0.5, new int[][] {{3}});
        BackboneStudy.Summary s = new BackboneStudy.Summary(tiny(BackboneStudy.FineTune.BEST), "folder from /tmp/<script>", List.of(),
                List.of(new BackboneStudy.Cell("small", 8, 12, "small-head8-batch12", 0.5, 0.4, 1, 5, 1, 1, null)),
                new BackboneStudy.FineTuned("small-head8-batch12", List.of("<b>cat</b>"), 1, 1, 3, 50, report, 1), "now");
        String html = BackboneStudyPage.render(s);
        assertFalse(html.contains("<script>") || html.contains("<b>cat</b>"), html);
        assertTrue(html.contains("&lt;b&gt;cat&lt;/b&gt;") && html.contains("/tmp/&lt;script&gt;"));
    }

    @Test
    void badSettingsAreClearErrors() {
        BackboneStudy.Settings bad = new BackboneStudy.Settings(List.of(EncoderKind.SMALL), List.of(1), List.of(1), StemKind.AUTO, -1, 0, 0, 1,
                List.of(), BackboneStudy.FineTune.BEST, 2, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validated);
        for (String part : new String[] {"head size 1", "batch size 1", "time budget", "epochs", "learning rate", "labelled fraction", "fine-tuning epochs"}) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
    }
}
