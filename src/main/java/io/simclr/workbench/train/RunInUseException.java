package io.simclr.workbench.train;

/** A run folder another job holds (its train.lock): the user waits or stops that job, so it is reported as bad input, not a failure. */
public final class RunInUseException extends IllegalStateException {

    public RunInUseException(String message) {
        super(message);
    }
}
