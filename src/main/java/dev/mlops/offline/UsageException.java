package dev.mlops.offline;

/** The command line or a file it names is wrong (exit code 2); the message says what is allowed. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
