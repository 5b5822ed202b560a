package dev.mlops.functions.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An {@link ObjectSource} over a local directory laid out like the bucket (key {@code a/b/c.jsonl} is the
 * file {@code root/a/b/c.jsonl}), for the benchmark: the evaluator reads it exactly as it reads S3.
 */
final class DirectoryObjectSource implements ObjectSource {

    private final Path root;

    DirectoryObjectSource(Path root) {
        this.root = root;
    }

    @Override
    public List<String> keys(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path folder = root.resolve(prefix.substring(0, slash + 1));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(root.resolve(key));
    }
}
