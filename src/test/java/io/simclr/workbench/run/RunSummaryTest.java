package io.simclr.workbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir
    Path runs;

    @Test
    void theRunsOfSweepsAndStudiesAreListedBesideTheOthers() throws Exception {
        var config = AugmentationStudy.base(DataConfig.shapes().withCounts(60, 20), 12, 1, 1, 0);
        RunFolder.create(runs.resolve("plain"), config);
        Path sweep = Files.createDirectories(runs.resolve("sweep-1"));
        Files.writeString(sweep.resolve("sweep.json"), "{}");
        RunFolder.create(sweep.resolve("tau-0.1"), config.withTemperature(0.1));
        Path study = Files.createDirectories(runs.resolve("study-1"));
        Files.writeString(study.resolve("study.json"), "{}");
        RunFolder.create(study.resolve("crop+color"), config);
        Files.createDirectories(runs.resolve("not-a-run/deeper"));
        RunFolder.create(runs.resolve("not-a-run/deeper/hidden"), config);

        var listed = RunSummary.list(runs);
        assertEquals(Set.of("plain", "sweep-1/tau-0.1", "study-1/crop+color"), listed.stream().map(RunSummary::name).collect(Collectors.toSet()));
        assertEquals(0.1, listed.stream().filter(r -> r.name().endsWith("tau-0.1")).findFirst().orElseThrow().temperature(), 1e-12);
    }

    @Test
    void aStudyCellShowsItsLinearProbeAndNoKnn() throws Exception {
        var config = AugmentationStudy.base(DataConfig.shapes().withCounts(60, 20), 12, 1, 1, 0);
        Path cell = runs.resolve("crop+color");
        RunFolder.create(cell, config);
        var linearOnly = new RunEvaluation.Scores(0.625, 0.8, 1e-3, null);
        var randomInit = new RunEvaluation.Scores(0.25, 0.3, 1e-3, null);
        Files.writeString(cell.resolve(RunEvaluation.FILE), Json.toJson(new RunEvaluation.Report("crop+color", "latest", "h", 60, 20,
                List.of("a", "b"), 0, 0.1, linearOnly, randomInit, List.of(), List.of(), "2026-11-24T08:00:00Z", null)));

        RunSummary listed = RunSummary.list(runs).get(0);
        assertEquals(0.625, listed.linearTop1(), 1e-12);
        assertNull(listed.knnTop1());
    }
}
