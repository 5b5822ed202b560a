package dev.mlops.config;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A rule a configuration value must follow, with the message that says what is allowed.
 * The message receives the offending value so it can quote it.
 */
public record Check<T>(Predicate<? super T> accepts, Function<? super T, String> explain) {

    public static Check<Integer> range(int min, int max) {
        return new Check<>(v -> v >= min && v <= max, v -> v + " is out of range " + min + ".." + max);
    }

    public static Check<Double> between(double min, double max) {
        return new Check<>(v -> v >= min && v <= max, v -> format(v) + " is out of range " + format(min) + ".." + format(max));
    }

    public static Check<Double> positive() {
        return new Check<>(v -> v > 0, v -> format(v) + " must be greater than 0");
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    public static Check<Integer> atLeast(int min) {
        return new Check<>(v -> v >= min, v -> v + " is below the minimum " + min);
    }

    /** The whole string must match {@code regex}; {@code allowed} says in words what matches. */
    public static Check<String> pattern(String regex, String allowed) {
        Pattern compiled = Pattern.compile(regex);
        return new Check<>(v -> compiled.matcher(v).matches(), v -> quote(v) + " is not allowed: " + allowed);
    }

    public static Check<String> maxLength(int max) {
        return new Check<>(v -> v.length() <= max,
                v -> quote(abbreviate(v)) + " is " + v.length() + " characters; at most " + max + " are allowed");
    }

    public static Check<String> notBlank() {
        return new Check<>(v -> !v.isBlank(), v -> "must not be empty");
    }

    public static Check<String> oneOf(Collection<String> allowed) {
        return new Check<>(allowed::contains,
                v -> quote(v) + " is not allowed" + Suggestions.didYouMean(v, allowed)
                        + "; allowed: " + String.join(", ", allowed));
    }

    public static <E> Check<Collection<E>> notEmpty() {
        return new Check<>(v -> !v.isEmpty(), v -> "must list at least one entry");
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
