package dev.mlops.functions.metrics;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds capture and ground-truth lines in SageMaker's formats, and an in-memory {@link ObjectSource}. */
final class CaptureFixtures {

    private CaptureFixtures() {
    }

    /** A captured CSV request and CSV response, joined on {@code inferenceId}. */
    static String capture(String inferenceId, String prediction) {
        return "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\","
                + "\"data\":\"0.00632,18.00,2.310,0,0.5380,6.5750,65.20,4.0900,1,296.0,15.30,4.98\",\"encoding\":\"CSV\"},"
                + "\"endpointOutput\":{\"observedContentType\":\"text/csv; charset=utf-8\",\"mode\":\"OUTPUT\","
                + "\"data\":\"" + prediction + "\",\"encoding\":\"CSV\"}},"
                + "\"eventMetadata\":{\"eventId\":\"" + inferenceId + "-event\",\"inferenceId\":\"" + inferenceId + "\","
                + "\"inferenceTime\":\"2026-11-23T09:15:00Z\"},\"eventVersion\":\"0\"}";
    }

    static String capture(String inferenceId, double prediction) {
        return capture(inferenceId, Double.toString(prediction));
    }

    /** A ground-truth record for {@code inferenceId}. */
    static String label(String inferenceId, String value) {
        return "{\"groundTruthData\":{\"data\":\"" + value + "\",\"encoding\":\"CSV\"},"
                + "\"eventMetadata\":{\"eventId\":\"" + inferenceId + "\"},\"eventVersion\":\"0\"}";
    }

    static String label(String inferenceId, double value) {
        return label(inferenceId, Double.toString(value));
    }

    static String lines(List<String> lines) {
        return lines.stream().collect(Collectors.joining("\n", "", "\n"));
    }

    /** Objects held in a sorted map, listed by prefix like S3. */
    static final class MapObjectSource implements ObjectSource {
        final Map<String, byte[]> objects = new TreeMap<>();

        MapObjectSource put(String key, String content) {
            objects.put(key, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        @Override
        public List<String> keys(String prefix) {
            return objects.keySet().stream().filter(key -> key.startsWith(prefix)).collect(Collectors.toList());
        }

        @Override
        public InputStream open(String key) {
            return new ByteArrayInputStream(objects.get(key));
        }
    }
}
