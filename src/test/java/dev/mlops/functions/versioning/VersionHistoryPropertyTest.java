package dev.mlops.functions.versioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Over 300 random group histories (several tags coming and going, every trigger, packages without
 * metadata, gaps; seeded, so a failure names the seed that reproduces it): the lazy {@link VersionHistory#resolve}
 * equals the definition {@link VersionHistory#versionsOf}, also when earlier invocations already recorded some
 * versions; no version is handed out twice; versions only grow within a tag.
 */
class VersionHistoryPropertyTest {

    private static final int HISTORIES = 300;

    private static LongStream seeds() {
        return LongStream.range(0, HISTORIES).map(i -> 0x5EEDL * 31 + i);
    }

    /** A random history: up to 40 registrations over tags 1..3, about one in eight without metadata. */
    private static List<Registration> history(long seed) {
        Random random = new Random(seed);
        int size = 1 + random.nextInt(40);
        List<Registration> history = new ArrayList<>();
        int number = 0;
        for (int i = 0; i < size; i++) {
            number += random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2); // gaps: deleted packages
            TriggerType trigger = TriggerType.values()[random.nextInt(TriggerType.values().length)];
            history.add(random.nextInt(8) == 0
                    ? VersionHistoryTest.noMetadata(number)
                    : VersionHistoryTest.pkg(number, 1 + random.nextInt(3), trigger));
        }
        return history;
    }

    private static Optional<ModelVersion> resolve(List<Registration> history, int index) {
        List<Registration> predecessors = new ArrayList<>(history.subList(0, index));
        Collections.reverse(predecessors);
        return VersionHistory.resolve(history.get(index), predecessors).version();
    }

    @Test
    void resolveEqualsTheDefinitionForEveryPackage() {
        seeds().forEach(VersionHistoryPropertyTest::resolveEqualsTheDefinitionForEveryPackage);
    }

    @Test
    void resolveEqualsTheDefinitionWhenSomePackagesAreAlreadyVersioned() {
        seeds().forEach(VersionHistoryPropertyTest::resolveEqualsTheDefinitionWhenSomePackagesAreAlreadyVersioned);
    }

    @Test
    void noVersionIsHandedOutTwiceAndVersionsGrowWithinATag() {
        seeds().forEach(VersionHistoryPropertyTest::noVersionIsHandedOutTwiceAndVersionsGrowWithinATag);
    }

    private static void resolveEqualsTheDefinitionForEveryPackage(long seed) {
        List<Registration> history = history(seed);
        Map<Integer, ModelVersion> definition = VersionHistory.versionsOf(history);

        for (int i = 0; i < history.size(); i++) {
            assertThat(resolve(history, i)).as("seed %d, package %d", seed, history.get(i).number())
                    .isEqualTo(Optional.ofNullable(definition.get(history.get(i).number())));
        }
    }

    private static void resolveEqualsTheDefinitionWhenSomePackagesAreAlreadyVersioned(long seed) {
        List<Registration> history = history(seed);
        Map<Integer, ModelVersion> definition = VersionHistory.versionsOf(history);
        Random random = new Random(~seed);
        List<Registration> partlyRecorded = new ArrayList<>();
        for (Registration r : history) {
            ModelVersion v = definition.get(r.number());
            partlyRecorded.add(v != null && random.nextBoolean()
                    ? new Registration(r.number(), r.arn(), r.lineage(), r.lineageProblem(), Optional.of(v))
                    : r);
        }

        assertThat(VersionHistory.versionsOf(partlyRecorded)).as("seed %d", seed).isEqualTo(definition);
        for (int i = 0; i < partlyRecorded.size(); i++) {
            assertThat(resolve(partlyRecorded, i)).as("seed %d, package %d", seed, partlyRecorded.get(i).number())
                    .isEqualTo(Optional.ofNullable(definition.get(partlyRecorded.get(i).number())));
        }
    }

    private static void noVersionIsHandedOutTwiceAndVersionsGrowWithinATag(long seed) {
        Set<ModelVersion> seen = new HashSet<>();
        Map<Integer, ModelVersion> latestByTag = new HashMap<>();
        for (ModelVersion v : VersionHistory.versionsOf(history(seed)).values()) {
            assertThat(seen.add(v)).as("seed %d: %s handed out twice", seed, v).isTrue();
            ModelVersion previous = latestByTag.put(v.tag(), v);
            if (previous != null) {
                assertThat(v).as("seed %d", seed).isGreaterThan(previous);
            }
        }
    }
}
