package dev.mlops.serving.lookup;

import static dev.mlops.serving.lookup.Packages.GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaceholderModelPackageLookupTest {

    private final PlaceholderModelPackageLookup lookup = new PlaceholderModelPackageLookup("eu-west-1", "111111111111");

    @Test
    void givesAChampionAndAChallengerInTheStacksAccountAndRegionMarkedAsPlaceholders() {
        Selection s = lookup.select(GROUP);
        assertThat(s.placeholder()).isTrue();
        assertThat(s.reason()).contains("placeholder", "did not read the registry", "--registry FILE");
        ModelPackageArn champion = ModelPackageArn.parse(s.championArn().orElseThrow());
        ModelPackageArn challenger = ModelPackageArn.parse(s.challengerArn().orElseThrow());
        assertThat(champion).isEqualTo(new ModelPackageArn("aws", "eu-west-1", "111111111111", GROUP,
                PlaceholderModelPackageLookup.CHAMPION_VERSION));
        assertThat(challenger.version()).isGreaterThan(champion.version());
        assertThat(challenger.group()).isEqualTo(GROUP);
        assertThat(PlaceholderModelPackageLookup.isPlaceholder(s.championArn().get())).isTrue();
        assertThat(PlaceholderModelPackageLookup.isPlaceholder(Packages.arn(3))).isFalse();
    }

    @Test
    void isDeterministic() {
        assertThat(lookup.select(GROUP)).isEqualTo(lookup.select(GROUP));
    }

    @Test
    void usesThePartitionOfTheRegion() {
        Selection s = new PlaceholderModelPackageLookup("cn-north-1", "111111111111").select("house-prices");
        assertThat(s.championArn().orElseThrow()).startsWith("arn:aws-cn:sagemaker:cn-north-1:111111111111:model-package/house-prices/");
    }

    @Test
    void rejectsABadAccountRegionOrGroup() {
        assertThatThrownBy(() -> new PlaceholderModelPackageLookup("eu-west-1", "1234")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"1234\" is not a valid account id");
        assertThatThrownBy(() -> new PlaceholderModelPackageLookup("Europe", "111111111111")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region");
        assertThatThrownBy(() -> lookup.select("house_prices")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a model package group name");
    }
}
