package dev.mlops.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems while a stack file is read, so all of them are reported at once. */
public final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    public void add(String path, String message) {
        found.add(new ConfigProblem(path, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(found);
    }

    /** Throws a {@link ConfigException} naming {@code source} when anything was found. */
    public void throwIfAny(String source) {
        if (!found.isEmpty()) {
            throw new ConfigException(source, found.stream().distinct().sorted().toList());
        }
    }
}
