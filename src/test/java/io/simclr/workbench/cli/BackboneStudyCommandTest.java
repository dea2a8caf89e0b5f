package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.run.BackboneStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackboneStudyCommandTest {

    @TempDir
    Path dir;

    private static BackboneStudyCommand command(String... args) {
        BackboneStudyCommand command = new BackboneStudyCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static BackboneStudy.Settings parsed(String... args) {
        return command(args).settings();
    }

    @Test
    void theBuiltInShapesAreFewerForAStudyUnlessAsked() {
        assertEquals(BackboneStudyCommand.DEFAULT_SHAPES, command().dataConfig().trainCount());
        assertEquals(400, command().dataConfig().testCount());
        assertEquals(5000, command("--shapes-count", "5000").dataConfig().trainCount());
    }

    @Test
    void theDefaultsAreTheLessonsStudyAndSlidesIsTheWholePlan() {
        assertEquals(BackboneStudy.Settings.lesson(), parsed());
        BackboneStudy.Settings slides = parsed("--slides");
        assertEquals(BackboneStudy.SLIDES_ENCODERS, slides.encoders());
        assertEquals(36, slides.cellCount());
        BackboneStudy.Settings subset = parsed("--encoders", "xception,resnet50", "--heads", "64", "--batches", "32,128", "--classes", "cat, dog");
        assertEquals(4, subset.cellCount());
        assertEquals(java.util.List.of("cat", "dog"), subset.classes());
    }

    @Test
    void aTinyStudyWritesItsTableAndTheFineTunedCellsScores() throws Exception {
        Path out = dir.resolve("study");
        CommandLineTest.Run run = CommandLineTest.run("backbonestudy", "--data", "shapes", "--shapes-count", "60", "--encoders", "small",
                "--heads", "8", "--batches", "12", "--epochs", "1", "--seconds-per-run", "0", "--threads", "1", "--classes", "circle,square",
                "--finetune-fraction", "0.5", "--finetune-epochs", "1", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("cell 1 of 2, small-head8-batch12: training"), run.out());
        assertTrue(run.out().contains("fine-tuned small-head8-batch12 on [circle, square]"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("RESULT small-head8-batch12=") && l.contains("best=small-head8-batch12")
                && l.contains("finetune_macro_f1=")), run.out());
        assertTrue(Files.exists(out.resolve("study.json")) && Files.readString(out.resolve("study.html")).contains("F1 per class"));
    }

    @Test
    void unknownNamesAreClearErrorsBeforeAnythingTrains() {
        CommandLineTest.Run encoder = CommandLineTest.run("backbonestudy", "--encoders", "vgg16", "--out", dir.resolve("a").toString());
        assertEquals(2, encoder.exitCode());
        assertTrue(encoder.err().contains("unknown encoder 'vgg16'") && encoder.err().contains("inception-resnet-v2"), encoder.err());
        CommandLineTest.Run classes = CommandLineTest.run("backbonestudy", "--data", "shapes", "--shapes-count", "60", "--encoders", "small",
                "--classes", "circle,unicorn", "--out", dir.resolve("b").toString());
        assertEquals(2, classes.exitCode());
        assertTrue(classes.err().contains("no class 'unicorn'") && classes.err().contains("crescent"), classes.err());
        assertFalse(Files.exists(dir.resolve("b/small-head32-batch64")), "nothing trained");
    }

    @Test
    void theEncodersCommandDescribesEachAtTheSizeAsked() {
        CommandLineTest.Run run = CommandLineTest.run("encoders", "--size", "32");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("inception-v3") && run.out().contains("32 px images resized up to 75 px")
                && run.out().contains("21.8 M parameters") && run.out().contains("xception"), run.out());
    }
}
