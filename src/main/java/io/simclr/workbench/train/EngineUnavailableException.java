package io.simclr.workbench.train;

/** The deep-learning engine could not start: a setup problem the user can fix, with what to do in the message. */
public final class EngineUnavailableException extends IllegalStateException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
