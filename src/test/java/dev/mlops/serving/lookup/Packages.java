package dev.mlops.serving.lookup;

import java.time.Instant;

/** Package summaries for tests: version n of a group, registered n days after a fixed start. */
final class Packages {

    static final String GROUP = "mlops-prod-house-prices";
    static final Instant START = Instant.parse("2026-05-01T08:00:00Z");

    private Packages() {
    }

    static String arn(int version) {
        return "arn:aws:sagemaker:eu-west-1:111111111111:model-package/" + GROUP + "/" + version;
    }

    static PackageSummary approved(int version) {
        return of(version, ApprovalStatus.APPROVED);
    }

    static PackageSummary pending(int version) {
        return of(version, ApprovalStatus.PENDING_MANUAL_APPROVAL);
    }

    static PackageSummary rejected(int version) {
        return of(version, ApprovalStatus.REJECTED);
    }

    static PackageSummary of(int version, ApprovalStatus status) {
        return new PackageSummary(arn(version), version, status, START.plusSeconds(86_400L * version));
    }
}
