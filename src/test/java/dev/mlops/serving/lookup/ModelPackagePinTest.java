package dev.mlops.serving.lookup;

import static dev.mlops.serving.lookup.Packages.GROUP;
import static dev.mlops.serving.lookup.Packages.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ModelPackagePinTest {

    @Mock
    ModelPackageLookup lookup;

    @Test
    void aPinIsServedAsChampionWithoutAskingTheRegistry() {
        Selection s = ModelPackagePin.select(GROUP, Optional.of(arn(7)), lookup);
        assertThat(s.championArn()).contains(arn(7));
        assertThat(s.challengerArn()).isEmpty();
        assertThat(s.placeholder()).isFalse();
        assertThat(s.reason()).contains("champion " + GROUP + "/7 is pinned in the stack's settings", "no challenger");
        verifyNoInteractions(lookup);
    }

    @Test
    void withoutAPinTheLookupAnswers() {
        Selection looked = new Selection(Optional.of(arn(3)), Optional.of(arn(4)), false, "from the registry");
        when(lookup.select(GROUP)).thenReturn(looked);
        assertThat(ModelPackagePin.select(GROUP, Optional.empty(), lookup)).isSameAs(looked);
    }

    @Test
    void applyOverridesASelectionAlreadyMade() {
        Selection placeholder = new PlaceholderModelPackageLookup("eu-west-1", "111111111111").select(GROUP);
        Selection pinned = ModelPackagePin.apply(GROUP, Optional.of(arn(2)), placeholder);
        assertThat(pinned.championArn()).contains(arn(2));
        assertThat(pinned.challengerArn()).isEmpty();
        assertThat(pinned.placeholder()).isFalse();
        assertThat(ModelPackagePin.apply(GROUP, Optional.empty(), placeholder)).isSameAs(placeholder);
    }

    @Test
    void aPinMayNameAPackageInAnotherAccountAndRegion() {
        String shared = "arn:aws:sagemaker:us-east-1:222222222222:model-package/mlops-staging-house-prices/12";
        assertThat(ModelPackagePin.pinned(GROUP, shared).championArn()).contains(shared);
        String china = "arn:aws-cn:sagemaker:cn-north-1:222222222222:model-package/house-prices/1";
        assertThat(ModelPackagePin.pinned(GROUP, china).championArn()).contains(china);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "house-prices/7",
            "arn:aws:sagemaker:eu-west-1:111111111111:model-package/house-prices",
            "arn:aws:sagemaker:eu-west-1:111111111111:model-package/house-prices/0",
            "arn:aws:sagemaker:eu-west-1:111111111111:model-package/house-prices/v7",
            "arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/house-prices",
            "arn:aws:sagemaker:eu-west-1:111111111111:model/house-prices-7",
            "arn:aws:sagemaker:eu-west-1:1111:model-package/house-prices/7",
            "arn:aws:sagemaker:euwest1:111111111111:model-package/house-prices/7",
            "arn:aws:s3:eu-west-1:111111111111:model-package/house-prices/7",
            "arn:aws:sagemaker:eu-west-1:111111111111:model-package/house_prices/7",
            "arn:aws:sagemaker:eu-west-1:111111111111:model-package/house-prices/99999999999",
            " arn:aws:sagemaker:eu-west-1:111111111111:model-package/house-prices/7"})
    void aPinThatIsNotAVersionedModelPackageArnIsRejectedWithTheForm(String pin) {
        assertThatThrownBy(() -> ModelPackagePin.select(GROUP, Optional.of(pin), lookup))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the pinned model package for group " + GROUP + " is wrong")
                .hasMessageContaining(pin.strip());
        verifyNoInteractions(lookup);
    }

    @Test
    void parsesTheArnIntoItsParts() {
        ModelPackageArn a = ModelPackageArn.parse(arn(12));
        assertThat(a).isEqualTo(new ModelPackageArn("aws", "eu-west-1", "111111111111", GROUP, 12));
        assertThat(a.toString()).isEqualTo(arn(12));
        assertThat(a.shortName()).isEqualTo(GROUP + "/12");
        assertThat(a.isIn(GROUP.toUpperCase())).isTrue();
        assertThatThrownBy(() -> ModelPackageArn.parse(null)).hasMessageContaining(ModelPackageArn.FORM);
    }
}
