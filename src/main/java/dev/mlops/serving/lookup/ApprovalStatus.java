package dev.mlops.serving.lookup;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A model package's {@code ModelApprovalStatus} in the registry, spelled as the SageMaker API spells it. */
public enum ApprovalStatus {
    APPROVED("Approved"),
    PENDING_MANUAL_APPROVAL("PendingManualApproval"),
    REJECTED("Rejected");

    private final String apiName;

    ApprovalStatus(String apiName) {
        this.apiName = apiName;
    }

    /** The value as ListModelPackages returns it, e.g. {@code PendingManualApproval}. */
    public String apiName() {
        return apiName;
    }

    /**
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static ApprovalStatus fromApiName(String text) {
        for (ApprovalStatus status : values()) {
            if (status.apiName.equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException((text == null ? "no approval status" : "\"" + text + "\" is not an approval status")
                + "; expected one of " + Arrays.stream(values()).map(ApprovalStatus::apiName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return apiName;
    }
}
