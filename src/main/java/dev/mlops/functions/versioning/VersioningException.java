package dev.mlops.functions.versioning;

/**
 * The registry holds data that versioning must not paper over (a corrupt recorded version, or a version another
 * package already carries). Thrown so the invocation fails visibly; nothing has been written when it is thrown.
 */
public final class VersioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VersioningException(String message) {
        super(message);
    }
}
