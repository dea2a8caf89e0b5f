package io.simclr.workbench.run;

import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.eval.RunEvaluation;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import io.simclr.workbench.train.TrainingListener;
import io.simclr.workbench.train.TrainingOutcome;
import io.simclr.workbench.train.TrainingService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * One cell of an experiment: a normal run folder trained (or, if it has a checkpoint, continued)
 * and then evaluated. Sweeps and studies are made of these.
 */
final class RunCell {

    record Done(TrainingOutcome outcome, RunEvaluation.Report evaluation) {}

    private RunCell() {}

    /**
     * @param holder who trains, for the message another trainer of the same folder gets
     * @throws CancellationException when {@code control} was stopped: the run keeps its checkpoint and
     *                               is not evaluated
     */
    static Done trainAndEvaluate(TrainConfig config, Path dir, String holder, Set<RunEvaluation.Probe> probes, List<TrainingListener> listeners,
                                 ExperimentControl control, Runnable evaluating) throws IOException {
        TrainingOutcome outcome = train(config, dir, holder, listeners, control);
        evaluating.run();
        RunEvaluation.Report report = RunEvaluation.evaluate(RunFolder.open(dir),
                new RunEvaluation.Settings(probes, FeatureExtractor.Layer.H, List.of(), 0, null), m -> {});
        return new Done(outcome, report);
    }

    /**
     * Trains the cell's run (continuing it when the folder holds one) to its end, for a study that
     * evaluates it its own way.
     *
     * @throws CancellationException when {@code control} was stopped: the run keeps its checkpoint
     */
    static TrainingOutcome train(TrainConfig config, Path dir, String holder, List<TrainingListener> listeners, ExperimentControl control) {
        boolean resume = Files.exists(dir.resolve(RunFolder.CONFIG));
        TrainingOutcome outcome;
        try (TrainingService service = new TrainingService()) {
            TrainingService.Job job = resume ? service.resume(dir, holder, listeners) : service.start(config, dir, holder, listeners);
            control.attach(job.control());
            outcome = job.outcome().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(dir.getFileName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in " + dir.getFileName(), e);
        } finally {
            control.detach();
        }
        if (control.stopRequested()) {
            throw new CancellationException("stopped in " + dir.getFileName() + "; its checkpoint is kept, and starting again continues it");
        }
        if (outcome.status() == TrainingOutcome.Status.FAILED) {
            throw new IllegalStateException(dir.getFileName() + ": " + outcome.message());
        }
        return outcome;
    }
}
