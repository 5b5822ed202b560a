package dev.mlops.config;

import java.util.Optional;

/**
 * One configuration value being read: present or absent, valid or already reported. Checks run only
 * while the value is still valid, so each mistake is reported once, with the first rule it breaks.
 */
public final class Field<T> {

    private final String path;
    private final Problems problems;
    private final boolean present;
    private T value;
    private boolean failed;

    Field(String path, Problems problems, boolean present, T value, boolean failed) {
        this.path = path;
        this.problems = problems;
        this.present = present;
        this.value = value;
        this.failed = failed;
    }

    public String path() {
        return path;
    }

    /** Reports a missing value; {@code hint} says what to put there. */
    public Field<T> required(String hint) {
        if (!present && !failed) {
            fail("is required: " + hint);
        }
        return this;
    }

    public Field<T> check(Check<? super T> check) {
        if (value != null && !failed && !check.accepts().test(value)) {
            fail(check.explain().apply(value));
        }
        return this;
    }

    /** The value, or {@code fallback} when it is absent or invalid (an invalid value is already reported). */
    public T orElse(T fallback) {
        return value != null && !failed ? value : fallback;
    }

    public Optional<T> optional() {
        return Optional.ofNullable(orElse(null));
    }

    /** The value, or null when absent or invalid. */
    public T value() {
        return orElse(null);
    }

    public boolean isPresent() {
        return present;
    }

    public boolean isValid() {
        return !failed;
    }

    void fail(String message) {
        failed = true;
        value = null;
        problems.add(path, message);
    }
}
