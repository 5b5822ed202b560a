package dev.mlops.functions.versioning;

import static dev.mlops.functions.versioning.TriggerType.CODE_CHANGE;
import static dev.mlops.functions.versioning.TriggerType.DRIFT;
import static dev.mlops.functions.versioning.TriggerType.NEW_DATA;
import static dev.mlops.functions.versioning.TriggerType.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VersionHistoryTest {

    static Registration pkg(int number, int tag, TriggerType trigger) {
        return Registration.of(number, arn(number), new Lineage(tag, trigger), Optional.empty());
    }

    static Registration versioned(int number, int tag, TriggerType trigger, String version) {
        return Registration.of(number, arn(number), new Lineage(tag, trigger), ModelVersion.parse(version));
    }

    static Registration noMetadata(int number) {
        return Registration.withoutLineage(number, arn(number), "no ModelTag metadata property", Optional.empty());
    }

    static String arn(int number) {
        return "arn:aws:sagemaker:eu-west-1:111122223333:model-package/house-prices/" + number;
    }

    private static Map<Integer, String> versions(Registration... history) {
        Map<Integer, String> printed = new java.util.LinkedHashMap<>();
        VersionHistory.versionsOf(List.of(history)).forEach((n, v) -> printed.put(n, v.toString()));
        return printed;
    }

    /** resolve() for the last registration, with the others as its predecessors. */
    private static VersionHistory.Resolution resolveLast(Registration... history) {
        List<Registration> predecessors = new ArrayList<>(List.of(history).subList(0, history.length - 1));
        Collections.reverse(predecessors);
        return VersionHistory.resolve(history[history.length - 1], predecessors);
    }

    @Test
    void theFirstPackageOfAGroupIsTagDotZeroDotZeroWhateverItsTrigger() {
        assertThat(versions(pkg(1, 4, CODE_CHANGE))).containsExactly(Map.entry(1, "V4.0.0"));
        assertThat(versions(pkg(1, 4, DRIFT))).containsExactly(Map.entry(1, "V4.0.0"));
    }

    @Test
    void aCodeChangeRaisesTheManualRevisionAndResetsTheAutoRevision() {
        assertThat(versions(pkg(1, 1, CODE_CHANGE), pkg(2, 1, SCHEDULED), pkg(3, 1, DRIFT), pkg(4, 1, CODE_CHANGE),
                pkg(5, 1, NEW_DATA), pkg(6, 1, CODE_CHANGE)))
                .containsExactly(Map.entry(1, "V1.0.0"), Map.entry(2, "V1.0.1"), Map.entry(3, "V1.0.2"),
                        Map.entry(4, "V1.1.0"), Map.entry(5, "V1.1.1"), Map.entry(6, "V1.2.0"));
    }

    @ParameterizedTest
    @EnumSource(value = TriggerType.class, names = {"SCHEDULED", "NEW_DATA", "DRIFT"})
    void everyKindOfRetrainingRaisesTheAutoRevision(TriggerType retrain) {
        assertThat(versions(pkg(1, 2, CODE_CHANGE), pkg(2, 2, CODE_CHANGE), pkg(3, 2, retrain), pkg(4, 2, retrain)))
                .containsEntry(3, "V2.1.1").containsEntry(4, "V2.1.2");
    }

    @Test
    void theFirstPackageWithANewTagStartsAtZero() {
        assertThat(versions(pkg(1, 1, CODE_CHANGE), pkg(2, 1, SCHEDULED), pkg(3, 2, CODE_CHANGE), pkg(4, 2, DRIFT)))
                .containsEntry(3, "V2.0.0").containsEntry(4, "V2.0.1");
    }

    @Test
    void aTagThatComesBackContinuesItsOwnLineInsteadOfRepeatingAVersion() {
        assertThat(versions(pkg(1, 1, CODE_CHANGE), pkg(2, 1, SCHEDULED), pkg(3, 2, CODE_CHANGE), pkg(4, 1, DRIFT),
                pkg(5, 1, CODE_CHANGE)))
                .containsEntry(4, "V1.0.2").containsEntry(5, "V1.1.0");
    }

    @Test
    void gapsLeftByDeletedPackagesAdvanceNothing() {
        // 2 and 3 were deleted before anything read them: the survivors are versioned as if they never existed.
        assertThat(versions(pkg(1, 1, CODE_CHANGE), pkg(4, 1, SCHEDULED), pkg(7, 1, SCHEDULED)))
                .containsExactly(Map.entry(1, "V1.0.0"), Map.entry(4, "V1.0.1"), Map.entry(7, "V1.0.2"));
    }

    @Test
    void recordedVersionsStandAfterADeletionSoNoVersionIsHandedOutTwice() {
        // 2 (V1.0.1) was deleted after 3 was versioned: 3 keeps V1.0.2 and 4 follows it.
        assertThat(versions(versioned(1, 1, CODE_CHANGE, "V1.0.0"), versioned(3, 1, SCHEDULED, "V1.0.2"),
                pkg(4, 1, DRIFT)))
                .containsExactly(Map.entry(1, "V1.0.0"), Map.entry(3, "V1.0.2"), Map.entry(4, "V1.0.3"));
    }

    @Test
    void aPackageWithoutMetadataGetsNoVersionAndAdvancesNothing() {
        assertThat(versions(pkg(1, 1, CODE_CHANGE), noMetadata(2), pkg(3, 1, SCHEDULED)))
                .containsExactly(Map.entry(1, "V1.0.0"), Map.entry(3, "V1.0.1"));
    }

    @Test
    void rejectsAHistoryOutOfRegistrationOrder() {
        assertThatThrownBy(() -> VersionHistory.versionsOf(List.of(pkg(2, 1, DRIFT), pkg(1, 1, DRIFT))))
                .hasMessageContaining("out of order");
    }

    @Test
    void resolveAgreesWithTheWholeHistory() {
        Registration[] history = {pkg(1, 1, CODE_CHANGE), pkg(2, 1, SCHEDULED), pkg(3, 2, CODE_CHANGE),
                noMetadata(4), pkg(5, 1, CODE_CHANGE), pkg(6, 2, NEW_DATA), pkg(7, 1, DRIFT)};

        VersionHistory.Resolution resolution = resolveLast(history);

        assertThat(resolution.source()).isEqualTo(VersionHistory.Source.DERIVED);
        assertThat(resolution.version()).map(ModelVersion::toString).contains("V1.1.1");
        assertThat(resolution.predecessorsRead()).isEqualTo(6);
    }

    @Test
    void resolveStopsAtTheNearestVersionedPackageOfTheSameTag() {
        List<Registration> newestFirst = List.of(pkg(9, 3, SCHEDULED), versioned(8, 4, CODE_CHANGE, "V4.0.0"),
                versioned(7, 3, DRIFT, "V3.2.5"), pkg(6, 3, CODE_CHANGE));

        VersionHistory.Resolution resolution = VersionHistory.resolve(pkg(10, 3, NEW_DATA), failingAfter(3, newestFirst));

        assertThat(resolution.version()).map(ModelVersion::toString).contains("V3.2.7");
        assertThat(resolution.predecessorsRead()).isEqualTo(3);
    }

    @Test
    void aPackageThatCarriesItsVersionIsNotRecomputed() {
        VersionHistory.Resolution resolution = VersionHistory.resolve(versioned(5, 1, SCHEDULED, "V1.0.9"),
                failingAfter(0, List.of(pkg(4, 1, SCHEDULED))));

        assertThat(resolution.source()).isEqualTo(VersionHistory.Source.RECORDED);
        assertThat(resolution.version()).map(ModelVersion::toString).contains("V1.0.9");
    }

    @Test
    void aPackageWithoutMetadataIsUnversionable() {
        VersionHistory.Resolution resolution = VersionHistory.resolve(noMetadata(5), failingAfter(0, List.of()));

        assertThat(resolution.source()).isEqualTo(VersionHistory.Source.UNVERSIONABLE);
        assertThat(resolution.version()).isEmpty();
    }

    @Test
    void resolveRejectsPredecessorsThatAreNotBeforeTheTarget() {
        assertThatThrownBy(() -> VersionHistory.resolve(pkg(3, 1, DRIFT), List.of(pkg(4, 1, DRIFT))))
                .hasMessageContaining("not before");
    }

    @Test
    void findsALaterPackageThatAlreadyHoldsAVersion() {
        List<Registration> later = List.of(pkg(6, 1, DRIFT), versioned(7, 1, DRIFT, "V1.0.3"));

        assertThat(VersionHistory.holderOf(new ModelVersion(1, 0, 3), later)).map(Registration::number).contains(7);
        assertThat(VersionHistory.holderOf(new ModelVersion(1, 0, 4), later)).isEmpty();
    }

    /** An iterable that fails the test if more than {@code allowed} elements are read. */
    private static Iterable<Registration> failingAfter(int allowed, List<Registration> registrations) {
        return () -> new Iterator<>() {
            private int read;

            @Override
            public boolean hasNext() {
                return read < registrations.size();
            }

            @Override
            public Registration next() {
                if (read == allowed) {
                    throw new AssertionError("read more than " + allowed + " predecessors");
                }
                return registrations.get(read++);
            }
        };
    }
}
