package dev.mlops.functions.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Read access to the capture bucket: S3 in the function ({@link S3ObjectSource}), a local directory in the
 * benchmark. Everything above it — listing by hour, streaming, parsing, joining — is the same code.
 */
public interface ObjectSource {

    /** Keys of the objects below {@code prefix}, in lexicographic order; folder markers excluded. */
    List<String> keys(String prefix) throws IOException;

    /** A stream of the object's bytes; the caller closes it. */
    InputStream open(String key) throws IOException;
}
