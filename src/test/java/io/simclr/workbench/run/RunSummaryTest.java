package io.simclr.workbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
