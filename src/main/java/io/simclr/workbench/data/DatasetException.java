package io.simclr.workbench.data;

/**
 * A dataset could not be read. The message is for a person: it names the file or folder, says what
 * is wrong and what to do about it.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
