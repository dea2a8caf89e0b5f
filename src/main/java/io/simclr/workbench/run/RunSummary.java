package io.simclr.workbench.run;

import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One line of the runs list: what a run folder holds, read without loading any weights. A folder
 * whose config cannot be read is listed with the reason, not hidden. The scores are the trained
 * encoder's from the run's evaluation; a probe that was not run (a study cell has no kNN) is null.
 */
public record RunSummary(Path folder, String name, Instant modified, String dataset, String encoder, String method, double temperature,
                         int epochs, Double knnTop1, Double linearTop1, String problem) {

    /**
     * Every run folder under {@code runs}, newest first: those directly under it, and the runs of
     * each sweep, study or method comparison folder there (named {@code sweep/run}).
     */
    public static List<RunSummary> list(Path runs) throws IOException {
        List<RunSummary> summaries = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return summaries;
        }
        try (Stream<Path> children = Files.list(runs)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                if (isRun(dir)) {
                    summaries.add(of(dir, dir.getFileName().toString()));
                } else if (Files.exists(dir.resolve("sweep.json")) || Files.exists(dir.resolve("study.json"))
                        || Files.exists(dir.resolve("compare.json"))) {
                    try (Stream<Path> cells = Files.list(dir)) {
                        for (Path cell : cells.filter(RunSummary::isRun).toList()) {
                            summaries.add(of(cell, dir.getFileName() + "/" + cell.getFileName()));
                        }
                    }
                }
            }
        }
        summaries.sort(Comparator.comparing(RunSummary::modified).reversed());
        return summaries;
    }

    private static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json"));
    }

    public static RunSummary of(Path dir) {
        return of(dir, dir.getFileName().toString());
    }

    private static RunSummary of(Path dir, String name) {
        Instant modified;
        try {
            Path newest = Files.exists(dir.resolve("metrics.csv")) ? dir.resolve("metrics.csv") : dir.resolve("config.json");
            modified = Files.getLastModifiedTime(newest).toInstant();
        } catch (IOException e) {
            modified = Instant.EPOCH;
        }
        try {
            TrainConfig c = RunFolder.open(dir).readConfig();
            RunEvaluation.Scores scores = RunEvaluation.read(dir).map(RunEvaluation.Report::trained).orElse(null);
            return new RunSummary(dir, name, modified, c.data().source().name().toLowerCase(java.util.Locale.ROOT),
                    c.model().encoder().id(), c.method().name().id(), c.method().temperature(), c.schedule().epochs(), scores == null ? null : scores.knnTop1(),
                    scores == null ? null : scores.linearTop1(), null);
        } catch (RuntimeException | IOException e) {
            return new RunSummary(dir, name, modified, "", "", "", Double.NaN, 0, null, null, e.getMessage());
        }
    }
}
