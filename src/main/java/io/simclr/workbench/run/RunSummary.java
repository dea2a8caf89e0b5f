package io.simclr.workbench.run;

import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.train.CheckpointStore;
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
 *
 * @param hasCheckpoint whether there is a checkpoint file to evaluate or map (not verified: listing stays cheap)
 * @param epochsDone    whole epochs its newest checkpoint holds (fewer than {@code epochs} for a stopped run)
 * @param imported      weights brought in by {@code import}, not pretrained here (listed with 0 epochs)
 */
public record RunSummary(Path folder, String name, Instant modified, String dataset, String method, String encoder, double temperature,
                         int epochs, int epochsDone, Double knnTop1, Double linearTop1, boolean hasCheckpoint, String problem, boolean imported) {

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm",
            java.util.Locale.ENGLISH).withZone(java.time.ZoneId.systemDefault());

    /** One line for a list: "shapes-small-1129-150212 · shapes · simclr/small · 24 epochs · kNN 0.912 · 29 Nov 15:02". */
    public String label() {
        if (problem != null) {
            return name + " · cannot be read: " + problem;
        }
        String score = knnTop1 != null ? " · kNN " + RunEvaluation.Scores.format(knnTop1)
                : linearTop1 != null ? " · linear " + RunEvaluation.Scores.format(linearTop1) : "";
        String trained = imported ? "imported" : stopped() ? "stopped after " + epochsDone + " of " + epochs + " epochs"
                : epochs + (epochs == 1 ? " epoch" : " epochs");
        return name + " · " + dataset + " · " + method + "/" + encoder + " · " + trained + score + " · " + WHEN.format(modified)
                + (hasCheckpoint ? "" : " · no checkpoint yet");
    }

    /** Whether its training stopped before its last epoch (a checkpoint short of the schedule). */
    public boolean stopped() {
        return !imported && hasCheckpoint && epochsDone < epochs;
    }

    /** "10" for a whole run, "3 of 10" for one stopped after its third epoch. */
    public String epochsText() {
        return imported || epochs == 0 ? "" : stopped() ? epochsDone + " of " + epochs : String.valueOf(epochs);
    }

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
        return Files.isRegularFile(dir.resolve(RunFolder.CONFIG));
    }

    public static RunSummary of(Path dir) {
        return of(dir, dir.getFileName().toString());
    }

    private static RunSummary of(Path dir, String name) {
        Instant modified;
        try {
            Path newest = Files.exists(dir.resolve(RunFolder.METRICS)) ? dir.resolve(RunFolder.METRICS) : dir.resolve(RunFolder.CONFIG);
            modified = Files.getLastModifiedTime(newest).toInstant();
        } catch (IOException e) {
            modified = Instant.EPOCH;
        }
        try {
            RunFolder run = RunFolder.open(dir);
            TrainConfig c = run.readConfig();
            RunEvaluation.Scores scores = RunEvaluation.read(dir).map(RunEvaluation.Report::trained).orElse(null);
            List<Path> checkpoints = run.checkpoints().newestFirst();
            return new RunSummary(dir, name, modified, c.data().source().id(), c.method().name().id(), c.model().encoder().id(),
                    c.method().temperature(), run.isImported() ? 0 : c.schedule().epochs(),
                    checkpoints.isEmpty() ? 0 : CheckpointStore.epochsDone(checkpoints.get(0)), scores == null ? null : scores.knnTop1(),
                    scores == null ? null : scores.linearTop1(), !checkpoints.isEmpty(), null, run.isImported());
        } catch (RuntimeException | IOException e) {
            return new RunSummary(dir, name, modified, "", "", "", Double.NaN, 0, 0, null, null, false, e.getMessage(), false);
        }
    }
}
