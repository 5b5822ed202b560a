package dev.mlops.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Collects configuration problems while a stack file is read, so all of them are reported at once. */
public final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();
    private final Set<String> keysRead = new TreeSet<>();

    public void add(String path, String message) {
        found.add(new ConfigProblem(path, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(found);
    }

    /** Records that the parser asked for {@code path} (list indexes written as {@code []}). */
    void read(String path) {
        keysRead.add(path.replaceAll("\\[\\d+]", "[]"));
    }

    /** Every key path the parser asked for, e.g. {@code mlops:models[].tag}: the keys it understands. */
    public Set<String> keysRead() {
        return Collections.unmodifiableSet(keysRead);
    }

    /** Throws a {@link ConfigException} naming {@code source} when anything was found. */
    public void throwIfAny(String source) {
        if (!found.isEmpty()) {
            throw new ConfigException(source, found.stream().distinct().sorted().toList());
        }
    }
}
