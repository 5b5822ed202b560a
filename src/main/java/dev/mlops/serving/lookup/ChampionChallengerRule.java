package dev.mlops.serving.lookup;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule that picks the champion and the challenger from a group's registered packages, as a pure function.
 * <ul>
 *   <li>The <b>champion</b> is the latest Approved package: the Approved one with the highest version.</li>
 *   <li>The <b>challenger</b> is the newest package with a higher version than the champion that is not Rejected
 *       (in practice PendingManualApproval: anything newer than the latest approval is not approved).</li>
 *   <li>With nothing approved there is no champion and no challenger: a challenger is only ever tried beside a
 *       champion, and an endpoint never serves an unapproved package on its own.</li>
 * </ul>
 * "Newer" means a higher version number: the registry numbers a group's packages 1, 2, 3, ... in the order they are
 * registered, so the version orders them exactly, where creation times could tie.
 */
public final class ChampionChallengerRule {

    private ChampionChallengerRule() {
    }

    /**
     * @param group    the group's name, used in the reason
     * @param packages the group's packages in any order
     * @throws IllegalArgumentException when two packages have the same version or one belongs to another group
     */
    public static Selection select(String group, List<PackageSummary> packages) {
        Set<Integer> versions = new HashSet<>();
        for (PackageSummary p : packages) {
            if (!ModelPackageArn.parse(p.arn()).isIn(group)) {
                throw new IllegalArgumentException("model package " + p.arn() + " is not in group " + group);
            }
            if (!versions.add(p.version())) {
                throw new IllegalArgumentException("group " + group + " lists version " + p.version() + " twice");
            }
        }
        List<PackageSummary> newestFirst = packages.stream()
                .sorted(Comparator.comparingInt(PackageSummary::version).reversed())
                .toList();
        if (newestFirst.isEmpty()) {
            return Selection.none(group + ": no model package is registered yet, so there is no champion and no challenger");
        }
        Optional<PackageSummary> champion = newestFirst.stream().filter(p -> p.status() == ApprovalStatus.APPROVED).findFirst();
        if (champion.isEmpty()) {
            PackageSummary newest = newestFirst.get(0);
            String which = newestFirst.size() == 1 ? "the only registered package, " + newest.shortName() + ", is " + newest.status()
                    : "none of the " + newestFirst.size() + " registered packages is Approved (the newest, " + newest.shortName()
                    + ", is " + newest.status() + ")";
            return Selection.none(group + ": " + which + ", so there is no champion and no challenger");
        }
        PackageSummary c = champion.get();
        List<PackageSummary> newer = newestFirst.stream().filter(p -> p.version() > c.version()).toList();
        Optional<PackageSummary> challenger = newer.stream().filter(p -> p.status() != ApprovalStatus.REJECTED).findFirst();
        String championPart = group + ": champion " + c.shortName() + " (the latest Approved package)";
        if (challenger.isEmpty()) {
            String why = newer.isEmpty() ? "no package is newer than version " + c.version()
                    : (newer.size() == 1 ? "the one package" : "all " + newer.size() + " packages") + " newer than version "
                    + c.version() + (newer.size() == 1 ? " is Rejected" : " are Rejected");
            return new Selection(Optional.of(c.arn()), Optional.empty(), false, championPart + "; no challenger: " + why);
        }
        PackageSummary x = challenger.get();
        long candidates = newer.stream().filter(p -> p.status() != ApprovalStatus.REJECTED).count();
        return new Selection(Optional.of(c.arn()), Optional.of(x.arn()), false, championPart + "; challenger " + x.shortName()
                + " (" + x.status() + ", the newest of " + count(candidates, "package") + " newer than the champion and not Rejected)");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
