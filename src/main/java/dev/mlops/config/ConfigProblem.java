package dev.mlops.config;

/**
 * One thing wrong with a stack's configuration: where it is (a key path such as
 * {@code mlops:models[0].tag}) and what is wrong, including the bad value and what is allowed.
 */
public record ConfigProblem(String path, String message) implements Comparable<ConfigProblem> {

    @Override
    public String toString() {
        return path + ": " + message;
    }

    @Override
    public int compareTo(ConfigProblem other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }
}
