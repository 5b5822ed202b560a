package dev.mlops.serving.lookup;

import static dev.mlops.serving.lookup.Packages.GROUP;
import static dev.mlops.serving.lookup.Packages.approved;
import static dev.mlops.serving.lookup.Packages.arn;
import static dev.mlops.serving.lookup.Packages.pending;
import static dev.mlops.serving.lookup.Packages.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The selection rule on its own: champion = latest Approved, challenger = newest newer one not Rejected. */
class ChampionChallengerRuleTest {

    private static Selection select(PackageSummary... packages) {
        return ChampionChallengerRule.select(GROUP, List.of(packages));
    }

    @Test
    void nothingRegisteredMeansNoChampionAndNoChallenger() {
        Selection s = select();
        assertThat(s.championArn()).isEmpty();
        assertThat(s.challengerArn()).isEmpty();
        assertThat(s.placeholder()).isFalse();
        assertThat(s.reason()).contains("no model package is registered yet", "no champion and no challenger");
    }

    @Test
    void nothingApprovedMeansNoChampionAndNoChallengerEvenWithPendingPackages() {
        Selection s = select(pending(1), rejected(2), pending(3));
        assertThat(s.hasChampion()).isFalse();
        assertThat(s.hasChallenger()).isFalse();
        assertThat(s.reason()).contains("none of the 3 registered packages is Approved", GROUP + "/3, is PendingManualApproval",
                "no champion and no challenger");
    }

    @Test
    void aSinglePendingPackageIsNamedInTheReason() {
        assertThat(select(pending(1)).reason()).contains("the only registered package, " + GROUP + "/1, is PendingManualApproval");
    }

    @Test
    void championOnlyWhenNothingIsNewerThanTheLatestApproval() {
        Selection s = select(approved(1), rejected(2), approved(3));
        assertThat(s.championArn()).contains(arn(3));
        assertThat(s.challengerArn()).isEmpty();
        assertThat(s.reason()).contains("champion " + GROUP + "/3 (the latest Approved package)", "no package is newer than version 3");
    }

    @Test
    void championAndChallenger() {
        Selection s = select(approved(1), approved(2), pending(3));
        assertThat(s.championArn()).contains(arn(2));
        assertThat(s.challengerArn()).contains(arn(3));
        assertThat(s.reason()).contains("challenger " + GROUP + "/3 (PendingManualApproval, the newest of 1 package newer than the champion");
    }

    @Test
    void aPendingPackageOlderThanTheChampionIsNoChallenger() {
        // Version 2 was never decided, then version 3 was approved: 2 is history, not a challenger.
        Selection s = select(approved(1), pending(2), approved(3));
        assertThat(s.championArn()).contains(arn(3));
        assertThat(s.challengerArn()).isEmpty();
    }

    @Test
    void aRejectedNewestPackageLeavesTheNextNewestAsChallenger() {
        Selection s = select(approved(1), pending(2), rejected(3));
        assertThat(s.championArn()).contains(arn(1));
        assertThat(s.challengerArn()).contains(arn(2));
    }

    @Test
    void whenEveryNewerPackageIsRejectedThereIsNoChallenger() {
        Selection one = select(approved(1), rejected(2));
        assertThat(one.challengerArn()).isEmpty();
        assertThat(one.reason()).contains("the one package newer than version 1 is Rejected");
        Selection two = select(approved(1), rejected(2), rejected(3));
        assertThat(two.challengerArn()).isEmpty();
        assertThat(two.reason()).contains("all 2 packages newer than version 1 are Rejected");
    }

    @Test
    void ofSeveralPendingPackagesTheNewestIsTheChallenger() {
        Selection s = select(approved(4), pending(5), pending(7), rejected(8), pending(6));
        assertThat(s.championArn()).contains(arn(4));
        assertThat(s.challengerArn()).contains(arn(7));
        assertThat(s.reason()).contains("the newest of 3 packages newer than the champion and not Rejected");
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheList() {
        List<PackageSummary> packages = new ArrayList<>(List.of(approved(1), pending(2), approved(3), rejected(4), pending(5), pending(6)));
        Selection expected = ChampionChallengerRule.select(GROUP, packages);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(packages, new java.util.Random(i));
            assertThat(ChampionChallengerRule.select(GROUP, packages)).isEqualTo(expected);
        }
        assertThat(expected.championArn()).contains(arn(3));
        assertThat(expected.challengerArn()).contains(arn(6));
    }

    @Test
    void versionsOrderPackagesEvenWhenCreationTimesTie() {
        PackageSummary a = new PackageSummary(arn(1), 1, ApprovalStatus.APPROVED, Packages.START);
        PackageSummary b = new PackageSummary(arn(2), 2, ApprovalStatus.APPROVED, Packages.START);
        assertThat(ChampionChallengerRule.select(GROUP, List.of(b, a)).championArn()).contains(arn(2));
    }

    @Test
    void rejectsDuplicateVersionsAndPackagesOfAnotherGroup() {
        assertThatThrownBy(() -> select(approved(1), pending(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lists version 1 twice");
        PackageSummary other = new PackageSummary("arn:aws:sagemaker:eu-west-1:111111111111:model-package/churn/1", 1,
                ApprovalStatus.APPROVED, Packages.START);
        assertThatThrownBy(() -> select(other)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not in group " + GROUP);
    }

    @Test
    void theSelectionRecordRejectsAChallengerWithoutAChampion() {
        assertThatThrownBy(() -> new Selection(Optional.empty(), Optional.of(arn(2)), false, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a champion");
        assertThatThrownBy(() -> new Selection(Optional.of(arn(2)), Optional.of(arn(2)), false, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the same package");
        assertThatThrownBy(() -> new Selection(Optional.of("model-2"), Optional.empty(), false, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a versioned model package ARN");
        assertThatThrownBy(() -> Selection.none(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSummaryWhoseVersionDisagreesWithItsArnIsRejected() {
        assertThatThrownBy(() -> new PackageSummary(arn(3), 4, ApprovalStatus.APPROVED, Packages.START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed as version 4 but its ARN ends in version 3");
    }
}
