package dev.mlops.functions.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ModelPackageStateChangeTest {

    @Test
    void readsThePackageOfACreationEvent() {
        ModelPackageStateChange event = ModelPackageStateChange.from(Events.tree(Events.CREATED));

        assertThat(event.eventId()).isEqualTo("3f1c9d52-8e4b-4a7e-9c0d-2b6f1e7a9c11");
        assertThat(event.modelPackageArn())
                .isEqualTo("arn:aws:sagemaker:eu-west-1:111122223333:model-package/house-prices/3");
        assertThat(event.groupName()).contains("house-prices");
        assertThat(event.status()).contains("Completed");
        assertThat(event.approvalStatus()).contains("PendingManualApproval");
    }

    @Test
    void readsAnApprovalEvent() {
        ModelPackageStateChange event = ModelPackageStateChange.from(Events.tree(Events.APPROVED));

        assertThat(event.modelPackageArn()).endsWith("/house-prices/2");
        assertThat(event.approvalStatus()).contains("Approved");
    }

    @Test
    void anUnversionedPackageHasNoGroup() {
        ModelPackageStateChange event = ModelPackageStateChange.from(Events.tree(Events.UNVERSIONED));

        assertThat(event.groupName()).isEmpty();
        assertThat(event.modelPackageArn()).endsWith(":model-package/house-prices-marketplace");
    }

    @Test
    void fallsBackToTheEventsResource() {
        ObjectNode event = Events.tree(Events.CREATED);
        ((ObjectNode) event.get("detail")).remove("ModelPackageArn");

        assertThat(ModelPackageStateChange.from(event).modelPackageArn()).endsWith("/house-prices/3");
    }

    @Test
    void rejectsOtherEvents() {
        assertThatThrownBy(() -> ModelPackageStateChange.from(Events.tree(Events.TRAINING_JOB)))
                .hasMessageContaining("detail-type 'SageMaker Training Job State Change'");
    }

    @Test
    void rejectsAnEventThatNamesNoPackage() {
        ObjectNode event = Events.tree(Events.CREATED);
        ((ObjectNode) event.get("detail")).remove("ModelPackageArn");
        event.putArray("resources");

        assertThatThrownBy(() -> ModelPackageStateChange.from(event)).hasMessageContaining("names no model package");
    }
}
