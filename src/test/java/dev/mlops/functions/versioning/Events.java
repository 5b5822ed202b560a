package dev.mlops.functions.versioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** EventBridge event fixtures from {@code src/test/resources/events/}. */
final class Events {

    static final String CREATED = "model-package-created.json";
    static final String APPROVED = "model-package-approved.json";
    static final String DELETING = "model-package-deleting.json";
    static final String UNVERSIONED = "model-package-unversioned.json";
    static final String TRAINING_JOB = "training-job-state-change.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    static byte[] bytes(String fixture) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture src/test/resources/events/" + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String fixture) {
        try {
            return (ObjectNode) JSON.readTree(bytes(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The given fixture, re-addressed to package {@code number} of the fake group. */
    static byte[] about(String fixture, int number) {
        ObjectNode event = tree(fixture);
        String arn = FakeRegistry.arn(number);
        event.putArray("resources").add(arn);
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("ModelPackageArn", arn).put("ModelPackageVersion", number);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
