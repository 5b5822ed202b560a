package dev.mlops.functions.versioning;

import java.util.List;
import java.util.Optional;

/**
 * What one event did to its model package; also the handler's JSON result.
 *
 * @param modelPackageArn the package the event was about
 * @param kind            what happened
 * @param version         the package's version, when it has one
 * @param detail          a sentence for the logs
 */
public record Outcome(String modelPackageArn, Kind kind, Optional<ModelVersion> version, String detail) {

    /** What happened, and the EMF metrics (count 1 each) it is reported under. */
    public enum Kind {
        /** The version was computed and written (metadata and tag). */
        ASSIGNED(List.of("VersionAssigned")),
        /** The package already carried its version in metadata; only the tag was missing or different. */
        TAG_REPAIRED(List.of("VersionTagRepaired")),
        /** The package already carried its version in metadata and tag: nothing written. */
        UNCHANGED(List.of("VersionUnchanged")),
        /** An unversioned package (no model package group): nothing to version. */
        SKIPPED_NOT_IN_GROUP(List.of("VersionSkipped")),
        /** The package is being deleted. */
        SKIPPED_DELETING(List.of("VersionSkipped")),
        /** The package lacks valid ModelTag/TriggerType metadata: logged as an error, nothing written. */
        SKIPPED_MISSING_METADATA(List.of("VersionSkipped", "MissingMetadata"));

        private final List<String> metrics;

        Kind(List<String> metrics) {
            this.metrics = metrics;
        }

        public List<String> metrics() {
            return metrics;
        }

        /** Whether this outcome wrote to the registry. */
        public boolean wrote() {
            return this == ASSIGNED || this == TAG_REPAIRED;
        }
    }
}
