package dev.mlops.functions.versioning;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;

/**
 * Gives the package an event is about its version: reads the package and as much of its group's history as
 * {@link VersionHistory#resolve} needs, and writes the version only where it is not already written.
 *
 * <p>Idempotent: the version depends only on the group's registrations, and a package that already carries
 * its version causes no write. That matters beyond duplicate events: this function's own UpdateModelPackage
 * makes SageMaker emit another state-change event for the package, which must end here without writing.
 * Concurrent invocations (two packages registered at once, or several events for one package) compute the
 * same versions and write the same values, so the last writer changes nothing.
 */
final class VersionAssigner {

    private static final Logger LOG = LoggerFactory.getLogger(VersionAssigner.class);
    private static final String DELETING = "Deleting";
    private static final String NO_GROUP = "not in a model package group, so it has no version history";

    private final ModelPackageRegistry registry;

    VersionAssigner(ModelPackageRegistry registry) {
        this.registry = registry;
    }

    Outcome assign(ModelPackageStateChange event) {
        String arn = event.modelPackageArn();
        if (event.groupName().isEmpty()) {
            return skip(arn, Outcome.Kind.SKIPPED_NOT_IN_GROUP, NO_GROUP);
        }
        if (event.status().filter(DELETING::equals).isPresent()) {
            return skip(arn, Outcome.Kind.SKIPPED_DELETING, "being deleted");
        }
        DescribeModelPackageResponse described = registry.describe(arn);
        String group = described.modelPackageGroupName();
        if (group == null) {
            return skip(arn, Outcome.Kind.SKIPPED_NOT_IN_GROUP, NO_GROUP);
        }
        if (described.modelPackageStatus() == ModelPackageStatus.DELETING) {
            return skip(arn, Outcome.Kind.SKIPPED_DELETING, "being deleted");
        }
        Registration target = ModelPackageRegistry.registrationOf(described);
        if (target.recorded().isPresent()) {
            return ensureTagged(target, target.recorded().get());
        }
        if (target.lineage().isEmpty()) {
            String problem = target.lineageProblem().orElseThrow();
            LOG.error("Model package {} cannot be versioned: {}. The training pipeline registers every package with"
                            + " ModelTag and TriggerType; add them (UpdateModelPackage CustomerMetadataProperties) and"
                            + " the resulting state-change event versions it. Later packages are versioned without it.",
                    entry("modelPackageArn", arn), entry("problem", problem));
            return new Outcome(arn, Outcome.Kind.SKIPPED_MISSING_METADATA, Optional.empty(), problem);
        }

        List<ModelPackageSummary> history = registry.versionsOf(group);
        List<ModelPackageSummary> predecessors = new ArrayList<>();
        List<ModelPackageSummary> successors = new ArrayList<>();
        for (ModelPackageSummary s : history) {
            if (s.modelPackageVersion() < target.number()) {
                predecessors.add(s);
            } else if (s.modelPackageVersion() > target.number()) {
                successors.add(s);
            }
        }
        Collections.reverse(predecessors);
        VersionHistory.Resolution resolution = VersionHistory.resolve(target, () -> described(predecessors).iterator());
        ModelVersion version = resolution.version().orElseThrow();
        Optional<Registration> holder =
                VersionHistory.holderOf(version, () -> described(successors).iterator());
        if (holder.isPresent()) {
            throw new VersioningException("model package " + arn + " (number " + target.number() + ") derives "
                    + version + " from its history, but the later package " + holder.get().arn()
                    + " already carries it: its history changed after later packages were versioned (metadata"
                    + " added late?). Nothing was written; set " + PackageMetadata.MODEL_VERSION + " by hand.");
        }
        registry.recordVersion(arn, described.customerMetadataProperties(), version);
        registry.tagVersion(arn, version);
        LOG.info("Assigned {} to model package {} of {}, reading {} of {} earlier registrations",
                entry("modelVersion", version.toString()), entry("modelPackageArn", arn),
                entry("modelPackageGroup", group), entry("predecessorsRead", resolution.predecessorsRead()),
                entry("predecessors", predecessors.size()));
        return new Outcome(arn, Outcome.Kind.ASSIGNED, Optional.of(version),
                "derived from " + resolution.predecessorsRead() + " of " + predecessors.size() + " earlier registrations");
    }

    private Outcome ensureTagged(Registration target, ModelVersion recorded) {
        Optional<String> tag = registry.versionTag(target.arn());
        if (tag.filter(recorded.toString()::equals).isPresent()) {
            LOG.info("Model package {} already carries {}", entry("modelPackageArn", target.arn()),
                    entry("modelVersion", recorded.toString()));
            return new Outcome(target.arn(), Outcome.Kind.UNCHANGED, Optional.of(recorded), "already versioned");
        }
        // The metadata is the source of truth; the tag is a mirror that a failed AddTags or a hand edit left behind.
        registry.tagVersion(target.arn(), recorded);
        LOG.warn("Model package {} carries {} but its tag was {}; tag rewritten",
                entry("modelPackageArn", target.arn()), entry("modelVersion", recorded.toString()),
                entry("previousTag", tag.orElse("(none)")));
        return new Outcome(target.arn(), Outcome.Kind.TAG_REPAIRED, Optional.of(recorded),
                "tag was " + tag.orElse("missing"));
    }

    /** Lazily describes the packages, in the given order: each is a DescribeModelPackage call when reached. */
    private Stream<Registration> described(List<ModelPackageSummary> packages) {
        return packages.stream().map(s -> ModelPackageRegistry.registrationOf(registry.describe(s.modelPackageArn())));
    }

    private static Outcome skip(String arn, Outcome.Kind kind, String why) {
        LOG.info("Skipped model package {}: {}", entry("modelPackageArn", arn), entry("reason", why));
        return new Outcome(arn, kind, Optional.empty(), why);
    }
}
