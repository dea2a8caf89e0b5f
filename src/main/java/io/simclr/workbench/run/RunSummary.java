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
 * whose config cannot be read is listed with the reason, not hidden.
 */
public record RunSummary(Path folder, String name, Instant modified, String dataset, String encoder, double temperature, int epochs,
                         Double knnTop1, String problem) {

    /** Every run folder directly under {@code runs}, newest first. */
    public static List<RunSummary> list(Path runs) throws IOException {
        List<RunSummary> summaries = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return summaries;
        }
        try (Stream<Path> children = Files.list(runs)) {
            for (Path dir : children.filter(d -> Files.isRegularFile(d.resolve("config.json"))).toList()) {
                summaries.add(of(dir));
            }
        }
        summaries.sort(Comparator.comparing(RunSummary::modified).reversed());
        return summaries;
    }

    public static RunSummary of(Path dir) {
        Instant modified;
        try {
            Path newest = Files.exists(dir.resolve("metrics.csv")) ? dir.resolve("metrics.csv") : dir.resolve("config.json");
            modified = Files.getLastModifiedTime(newest).toInstant();
        } catch (IOException e) {
            modified = Instant.EPOCH;
        }
        try {
            TrainConfig c = RunFolder.open(dir).readConfig();
            Double knn = RunEvaluation.read(dir).map(r -> r.trained() == null ? null : r.trained().knnTop1()).orElse(null);
            return new RunSummary(dir, dir.getFileName().toString(), modified, c.data().source().name().toLowerCase(java.util.Locale.ROOT),
                    c.model().encoder().id(), c.temperature(), c.epochs(), knn, null);
        } catch (RuntimeException | IOException e) {
            return new RunSummary(dir, dir.getFileName().toString(), modified, "", "", Double.NaN, 0, null, e.getMessage());
        }
    }
}
