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
 * @param stepsDone     steps its newest checkpoint holds
 * @param budgetSeconds the training time its config allowed (0: none); a run that spent it ended as done, however
 *                      few epochs that took
 * @param budgetSpent   whether it ended on that budget
 * @param imported      weights brought in by {@code import}, not pretrained here (listed with 0 epochs)
 */
public record RunSummary(Path folder, String name, Instant modified, String dataset, String method, String encoder, double temperature,
                         int epochs, int epochsDone, long stepsDone, double budgetSeconds, boolean budgetSpent, Double knnTop1,
                         Double linearTop1, boolean hasCheckpoint, String problem, boolean imported) {

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm",
            java.util.Locale.ENGLISH).withZone(java.time.ZoneId.systemDefault());

    /** One line for a list: "shapes-small-1129-150212 · shapes · simclr/small · 24 epochs · kNN 0.912 · 29 Nov 15:02". */
    public String label() {
        if (problem != null) {
            return name + " · cannot be read: " + problem;
        }
        String score = knnTop1 != null ? " · kNN " + RunEvaluation.Scores.format(knnTop1)
                : linearTop1 != null ? " · linear " + RunEvaluation.Scores.format(linearTop1) : "";
        String trained = imported ? "imported" : budgetSpent ? trainedInBudget() + " in its " + budgetText() + " budget"
                : stopped() ? "stopped after " + epochsDone + " of " + epochs + " epochs" : epochs + (epochs == 1 ? " epoch" : " epochs");
        return name + " · " + dataset + " · " + method + "/" + encoder + " · " + trained + score + " · " + WHEN.format(modified)
                + (hasCheckpoint ? "" : " · no checkpoint yet");
    }

    /** Whether its training stopped before its last epoch (a checkpoint short of the schedule) other than on its time budget. */
    public boolean stopped() {
        return !imported && !budgetSpent && hasCheckpoint && epochsDone < epochs;
    }

    /** "10" for a whole run, "3 of 10" for one stopped after its third epoch, "86 steps (90 s budget)" for one its budget ended. */
    public String epochsText() {
        return imported || epochs == 0 ? "" : budgetSpent ? trainedInBudget() + " (" + budgetText() + " budget)"
                : stopped() ? epochsDone + " of " + epochs : String.valueOf(epochs);
    }

    /** The same line with another time of last change. */
    public RunSummary withModified(Instant when) {
        return new RunSummary(folder, name, when, dataset, method, encoder, temperature, epochs, epochsDone, stepsDone, budgetSeconds,
                budgetSpent, knnTop1, linearTop1, hasCheckpoint, problem, imported);
    }

    /** Whole epochs when there were any, else steps: a 90 s cell of a large encoder may not finish one epoch. */
    private String trainedInBudget() {
        return epochsDone > 0 ? epochsDone + (epochsDone == 1 ? " epoch" : " epochs") : stepsDone + (stepsDone == 1 ? " step" : " steps");
    }

    private String budgetText() {
        return String.format(java.util.Locale.ROOT, "%.0f s", budgetSeconds);
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
            int epochs = run.isImported() ? 0 : c.schedule().epochs();
            int epochsDone = checkpoints.isEmpty() ? 0 : CheckpointStore.epochsDone(checkpoints.get(0));
            long stepsDone = checkpoints.isEmpty() ? 0 : CheckpointStore.stepsDone(checkpoints.get(0));
            double budget = c.schedule().budgetSeconds();
            return new RunSummary(dir, name, modified, c.data().source().id(), c.method().name().id(), c.model().encoder().id(),
                    c.method().temperature(), epochs, epochsDone, stepsDone, budget,
                    budget > 0 && epochsDone < epochs && spentBudget(checkpoints.get(0), budget), scores == null ? null : scores.knnTop1(),
                    scores == null ? null : scores.linearTop1(), !checkpoints.isEmpty(), null, run.isImported());
        } catch (RuntimeException | IOException e) {
            return new RunSummary(dir, name, modified, "", "", "", Double.NaN, 0, 0, 0, 0, false, null, null, false, e.getMessage(), false);
        }
    }

    /** Whether the checkpoint was written once the training time had reached the budget (its header says; no weights are read). */
    private static boolean spentBudget(Path checkpoint, double budget) throws IOException {
        return CheckpointStore.readPosition(checkpoint).trainingSeconds() >= budget;
    }
}
