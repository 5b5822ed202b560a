package dev.mlops.functions.versioning;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versioning arithmetic: pure functions of a model package group's registrations, no SDK.
 *
 * <p>Definition ({@link #versionsOf}): walk the group's surviving registrations in registration order
 * ({@code ModelPackageVersion} ascending) and keep, per model tag, the latest version of that tag:
 * <ul>
 *   <li>a registration that already carries a recorded {@code ModelVersion} keeps it: a version, once written,
 *       never changes, whatever happens to the history before it;</li>
 *   <li>otherwise the first registration of a tag in the group is {@code V<tag>.0.0} (whatever its trigger), a
 *       {@code code-change} raises the tag's manual revision and resets its auto revision, and any retraining
 *       raises the tag's auto revision. A tag that comes back after another tag continues its own line, so a
 *       version is never handed out twice;</li>
 *   <li>a registration without valid ModelTag/TriggerType (and no recorded version) gets no version and advances
 *       nothing;</li>
 *   <li>deleted packages are not in the history: they leave a gap in the numbers and advance nothing.</li>
 * </ul>
 * Because the result depends only on the registrations, duplicate, late and concurrent events for any package of
 * the group compute the same version.
 *
 * <p>{@link #resolve} computes the same answer for one registration while reading predecessors newest first and
 * stopping at the nearest one of the same tag that already carries a version, so an event normally costs two
 * {@code DescribeModelPackage} calls instead of one per package in the group. A property test holds the two equal.
 */
public final class VersionHistory {

    /** How {@link #resolve} settled a registration's version. */
    public enum Source {
        /** The package already carries this version; nothing to compute. */
        RECORDED,
        /** Computed from the registration's lineage and its predecessors. */
        DERIVED,
        /** The package has no valid ModelTag/TriggerType metadata: it gets no version. */
        UNVERSIONABLE
    }

    /**
     * The outcome of {@link #resolve}.
     *
     * @param version          the version, empty exactly when {@code source} is {@code UNVERSIONABLE}
     * @param source           how it was settled
     * @param predecessorsRead how many predecessors had to be read (each is a {@code DescribeModelPackage} call)
     */
    public record Resolution(Optional<ModelVersion> version, Source source, int predecessorsRead) {
    }

    private VersionHistory() {
    }

    /**
     * The version of every registration that gets one, by registration number (the definition above).
     *
     * @param registrationOrder the group's surviving registrations, numbers strictly ascending
     */
    public static Map<Integer, ModelVersion> versionsOf(List<Registration> registrationOrder) {
        Map<Integer, ModelVersion> latestByTag = new HashMap<>();
        Map<Integer, ModelVersion> versions = new LinkedHashMap<>();
        int previous = 0;
        for (Registration r : registrationOrder) {
            if (r.number() <= previous) {
                throw new IllegalArgumentException("registrations out of order: " + r.number() + " after " + previous);
            }
            previous = r.number();
            Optional<ModelVersion> version =
                    r.recorded().or(() -> r.lineage().map(l -> step(latestByTag.get(l.modelTag()), l)));
            version.ifPresent(v -> {
                latestByTag.put(v.tag(), v);
                versions.put(r.number(), v);
            });
        }
        return versions;
    }

    /**
     * The version of {@code target}, reading its predecessors only as far back as needed.
     *
     * @param target                  the registration to version
     * @param predecessorsNewestFirst the group's surviving registrations before it, numbers strictly descending;
     *                                read lazily
     */
    public static Resolution resolve(Registration target, Iterable<Registration> predecessorsNewestFirst) {
        if (target.recorded().isPresent()) {
            return new Resolution(target.recorded(), Source.RECORDED, 0);
        }
        if (target.lineage().isEmpty()) {
            return new Resolution(Optional.empty(), Source.UNVERSIONABLE, 0);
        }
        int tag = target.lineage().get().modelTag();
        Deque<Lineage> pending = new ArrayDeque<>();
        ModelVersion anchor = null;
        int read = 0;
        int previous = target.number();
        for (Registration p : predecessorsNewestFirst) {
            read++;
            if (p.number() >= previous) {
                throw new IllegalArgumentException("predecessor " + p.number() + " is not before " + previous);
            }
            previous = p.number();
            if (p.recorded().isPresent()) {
                if (p.recorded().get().tag() == tag) {
                    anchor = p.recorded().get();
                    break;
                }
            } else if (p.lineage().isPresent() && p.lineage().get().modelTag() == tag) {
                pending.push(p.lineage().get());
            }
        }
        ModelVersion latest = anchor;
        for (Lineage l : pending) {
            latest = step(latest, l);
        }
        return new Resolution(Optional.of(step(latest, target.lineage().get())), Source.DERIVED, read);
    }

    /**
     * The first of {@code others} that already carries {@code version}, if any. A registration whose
     * predecessors changed after later packages were versioned (its metadata was fixed late, say) can compute a
     * version a later package already holds; writing it would break uniqueness, so the caller fails instead.
     */
    public static Optional<Registration> holderOf(ModelVersion version, Iterable<Registration> others) {
        for (Registration r : others) {
            if (r.recorded().filter(version::equals).isPresent()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static ModelVersion step(ModelVersion latestOfTag, Lineage lineage) {
        return latestOfTag == null ? ModelVersion.first(lineage.modelTag()) : latestOfTag.next(lineage.trigger());
    }
}
