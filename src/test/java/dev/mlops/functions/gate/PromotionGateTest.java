package dev.mlops.functions.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

class PromotionGateTest {

    static final String PACKAGE_ARN = "arn:aws:sagemaker:eu-west-1:123456789012:model-package/house-prices/7";
    static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:mlops-staging-approvals";
    static final String WINDOW = "2026-11-22T10:00:00Z..2026-11-23T10:00:00Z";
    static final Instant NOW = Instant.parse("2026-11-23T10:05:00Z");
    static final VariantScore CHAMPION = new VariantScore("AllTraffic", "V1.0.3", 260, 2.0);
    static final VariantScore BETTER = new VariantScore("Shadow", "V1.1.0", 250, 1.8);
    static final VariantScore SIMILAR = new VariantScore("Shadow", "V1.1.0", 250, 1.99);
    static final VariantScore FEW = new VariantScore("Shadow", "V1.1.0", 120, 1.0);

    SageMakerClient sageMaker;
    SnsClient sns;

    @BeforeEach
    void mocks() {
        sageMaker = Mockito.mock(SageMakerClient.class);
        sns = Mockito.mock(SnsClient.class);
    }

    static GateSettings settings(GateMode mode) {
        return new GateSettings(mode, 200, 0.05, PACKAGE_ARN, mode == GateMode.MANUAL ? TOPIC_ARN : null);
    }

    private void packageIs(ModelApprovalStatus status, Map<String, String> metadata) {
        when(sageMaker.describeModelPackage(any(DescribeModelPackageRequest.class))).thenReturn(DescribeModelPackageResponse.builder()
                .modelPackageArn(PACKAGE_ARN).modelPackageGroupName("house-prices").modelPackageVersion(7)
                .modelApprovalStatus(status).customerMetadataProperties(metadata).build());
    }

    private PromotionGate.Decision decide(GateMode mode, VariantScore challenger) {
        return new PromotionGate(settings(mode), sageMaker, sns).decide("house-prices", WINDOW, CHAMPION, challenger, NOW);
    }

    @Test
    void approvesAPassingChallengerInAutoModeWithTheFiguresAsDescription() {
        packageIs(ModelApprovalStatus.PENDING_MANUAL_APPROVAL, Map.of());
        when(sageMaker.updateModelPackage(any(UpdateModelPackageRequest.class))).thenReturn(UpdateModelPackageResponse.builder().build());

        PromotionGate.Decision decision = decide(GateMode.AUTO, BETTER);

        assertThat(decision.outcome()).isEqualTo(PromotionGate.Outcome.APPROVED);
        ArgumentCaptor<DescribeModelPackageRequest> describe = ArgumentCaptor.forClass(DescribeModelPackageRequest.class);
        verify(sageMaker).describeModelPackage(describe.capture());
        assertThat(describe.getValue().modelPackageName()).isEqualTo(PACKAGE_ARN);
        ArgumentCaptor<UpdateModelPackageRequest> update = ArgumentCaptor.forClass(UpdateModelPackageRequest.class);
        verify(sageMaker).updateModelPackage(update.capture());
        assertThat(update.getValue().modelPackageArn()).isEqualTo(PACKAGE_ARN);
        assertThat(update.getValue().modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
        assertThat(update.getValue().approvalDescription())
                .startsWith("Promotion gate, endpoint house-prices, window " + WINDOW + ": challenger Shadow (model V1.1.0) RMSE 1.80000")
                .contains("relative RMSE improvement 10.00% >= margin 5.00%")
                .hasSizeLessThanOrEqualTo(1024);
        verifyNoInteractions(sns);
    }

    @Test
    void doesNotApproveAnAlreadyApprovedPackageAgain() {
        packageIs(ModelApprovalStatus.APPROVED, Map.of());

        assertThat(decide(GateMode.AUTO, BETTER).outcome()).isEqualTo(PromotionGate.Outcome.ALREADY_APPROVED);

        verify(sageMaker).describeModelPackage(any(DescribeModelPackageRequest.class));
        verifyNoMoreInteractions(sageMaker);
    }

    @Test
    void leavesAPackageRejectedByAnEngineerAlone() {
        packageIs(ModelApprovalStatus.REJECTED, Map.of());

        assertThat(decide(GateMode.AUTO, BETTER).outcome()).isEqualTo(PromotionGate.Outcome.PACKAGE_REJECTED);
        assertThat(decide(GateMode.MANUAL, BETTER).outcome()).isEqualTo(PromotionGate.Outcome.PACKAGE_REJECTED);

        verify(sageMaker, Mockito.times(2)).describeModelPackage(any(DescribeModelPackageRequest.class));
        verifyNoMoreInteractions(sageMaker);
        verifyNoInteractions(sns);
    }

    @Test
    void asksTheEngineersOnceInManualModeAndMarksThePackage() {
        packageIs(ModelApprovalStatus.PENDING_MANUAL_APPROVAL, Map.of("mlops:model-version", "V1.1.0"));
        when(sns.publish(any(PublishRequest.class))).thenReturn(PublishResponse.builder().messageId("m-1").build());
        when(sageMaker.updateModelPackage(any(UpdateModelPackageRequest.class))).thenReturn(UpdateModelPackageResponse.builder().build());

        PromotionGate.Decision decision = decide(GateMode.MANUAL, BETTER);

        assertThat(decision.outcome()).isEqualTo(PromotionGate.Outcome.NOTIFIED);
        ArgumentCaptor<PublishRequest> publish = ArgumentCaptor.forClass(PublishRequest.class);
        verify(sns).publish(publish.capture());
        assertThat(publish.getValue().topicArn()).isEqualTo(TOPIC_ARN);
        assertThat(publish.getValue().subject()).isEqualTo("mlops: approve challenger house-prices/7 (house-prices)?").hasSizeLessThan(100);
        assertThat(publish.getValue().message())
                .contains("relative RMSE improvement 10.00% >= margin 5.00%")
                .contains("aws sagemaker update-model-package --model-package-arn " + PACKAGE_ARN + " --model-approval-status Approved");
        ArgumentCaptor<UpdateModelPackageRequest> update = ArgumentCaptor.forClass(UpdateModelPackageRequest.class);
        verify(sageMaker).updateModelPackage(update.capture());
        assertThat(update.getValue().customerMetadataProperties()).isEqualTo(Map.of(PromotionGate.NOTIFIED_PROPERTY, NOW.toString()));
        assertThat(update.getValue().modelApprovalStatus()).as("manual mode never approves").isNull();
    }

    @Test
    void doesNotRepeatANotificationForTheSamePackage() {
        packageIs(ModelApprovalStatus.PENDING_MANUAL_APPROVAL, Map.of(PromotionGate.NOTIFIED_PROPERTY, "2026-11-23T09:05:00Z"));

        PromotionGate.Decision decision = decide(GateMode.MANUAL, BETTER);

        assertThat(decision.outcome()).isEqualTo(PromotionGate.Outcome.ALREADY_NOTIFIED);
        assertThat(decision.message()).contains("asked to approve it at 2026-11-23T09:05:00Z");
        verify(sageMaker).describeModelPackage(any(DescribeModelPackageRequest.class));
        verifyNoMoreInteractions(sageMaker);
        verifyNoInteractions(sns);
    }

    @Test
    void decidesNotYetOrNotBetterWithoutCallingAws() {
        PromotionGate.Decision notYet = decide(GateMode.MANUAL, FEW);
        PromotionGate.Decision notBetter = decide(GateMode.AUTO, SIMILAR);

        assertThat(notYet.outcome()).isEqualTo(PromotionGate.Outcome.WAITING_FOR_SAMPLES);
        assertThat(notYet.message()).isEqualTo("not yet: challenger Shadow has 120 of 200 labelled samples, champion AllTraffic has 260 of 200");
        assertThat(notBetter.outcome()).isEqualTo(PromotionGate.Outcome.NOT_BETTER);
        assertThat(notBetter.message()).contains("relative RMSE improvement 0.50% < margin 5.00%");
        verifyNoInteractions(sageMaker, sns);
    }

    @Test
    void cannotBeBuiltWhenOff() {
        assertThatThrownBy(() -> new PromotionGate(GateSettings.OFF, sageMaker, sns)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatesToTheApiLimitsInAscii() {
        assertThat(PromotionGate.truncate("x".repeat(200), PromotionGate.MAX_SUBJECT)).hasSize(99).endsWith("...");
        assertThat(PromotionGate.truncate("short", 99)).isEqualTo("short");
    }
}
