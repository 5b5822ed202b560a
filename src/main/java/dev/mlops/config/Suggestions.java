package dev.mlops.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" hints for misspelled keys and values. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The closest candidate within a typo's distance of {@code input}, if any. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String needle = input.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, needle.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        return candidates.stream()
                .filter(c -> distance.apply(needle, c.toLowerCase(Locale.ROOT)) >= 0)
                .min(Comparator.<String>comparingInt(c -> distance.apply(needle, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** {@code "; did you mean \"x\"?"} or the empty string. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> "; did you mean " + Check.quote(c) + "?").orElse("");
    }
}
