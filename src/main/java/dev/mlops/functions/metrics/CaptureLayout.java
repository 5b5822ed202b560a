package dev.mlops.functions.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where the files of one endpoint are in the capture bucket:
 * <ul>
 *   <li>data capture, as SageMaker writes it below the endpoint's {@code DestinationS3Uri}:
 *       {@code <capturePrefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl};</li>
 *   <li>ground truth, as the application uploads it (Model Monitor's layout, one folder per endpoint):
 *       {@code <groundTruthPrefix>/<endpoint>/yyyy/mm/dd/hh/<file>.jsonl}, hours in UTC.</li>
 * </ul>
 * Prefixes are given without leading or trailing slashes; an empty capture prefix means the bucket root.
 */
public record CaptureLayout(String capturePrefix, String groundTruthPrefix, String endpoint) {

    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    public CaptureLayout {
        capturePrefix = trimSlashes(capturePrefix);
        groundTruthPrefix = trimSlashes(groundTruthPrefix);
    }

    /** The folder of one variant's capture files of one hour, ending with a slash. */
    public String captureFolder(String variant, Instant hour) {
        return join(capturePrefix, endpoint + "/" + variant + "/" + HOUR_PATH.format(hour) + "/");
    }

    /** The folder of the ground-truth files collected in one hour, ending with a slash. */
    public String groundTruthFolder(Instant hour) {
        return join(groundTruthPrefix, endpoint + "/" + HOUR_PATH.format(hour) + "/");
    }

    private static String join(String prefix, String rest) {
        return prefix.isEmpty() ? rest : prefix + "/" + rest;
    }

    static String trimSlashes(String prefix) {
        String trimmed = prefix == null ? "" : prefix.strip();
        int from = 0;
        int to = trimmed.length();
        while (from < to && trimmed.charAt(from) == '/') {
            from++;
        }
        while (to > from && trimmed.charAt(to - 1) == '/') {
            to--;
        }
        return trimmed.substring(from, to);
    }
}
