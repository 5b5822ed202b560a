package dev.mlops.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.resources.ComponentResourceOptions;
import dev.mlops.config.NetworkSettings;
import dev.mlops.offline.OfflineEngine;
import dev.mlops.offline.PreviewStep;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The private network: no way out but VPC endpoints, unless a NAT gateway is asked for. */
class NetworkTest {

    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    private static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    private static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

    @ParameterizedTest
    @CsvSource({"staging, 10.20.0.0/16, 2", "prod, 10.30.0.0/16, 3"})
    void privateSubnetsSpanTheConfiguredZones(String stack, String cidr, int zones) {
        Resources r = Previews.resources(stack);
        assertThat(r.one("aws:ec2/vpc:Vpc", "mlops-" + stack + "-network-vpc").input("cidrBlock").asText()).isEqualTo(cidr);
        List<ResourceState> subnets = r.ofType(SUBNET);
        assertThat(subnets).hasSize(zones).allSatisfy(s -> assertThat(s.input("mapPublicIpOnLaunch").asBoolean()).isFalse());
        assertThat(subnets).extracting(s -> s.input("availabilityZone").asText())
                .containsExactlyElementsOf(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c").subList(0, zones));
        assertThat(subnets.get(1).input("cidrBlock").asText()).isEqualTo(cidr.replace(".0.0/16", ".16.0/20"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void nothingReachesTheInternetWithoutANatGateway(String stack) {
        Resources r = Previews.resources(stack);
        assertThat(r.ofType("aws:ec2/internetGateway:InternetGateway")).isEmpty();
        assertThat(r.ofType("aws:ec2/natGateway:NatGateway")).isEmpty();
        assertThat(r.ofType("aws:ec2/route:Route")).isEmpty();
        assertThat(r.ofType(EGRESS)).noneSatisfy(e -> assertThat(e.input("cidrIpv4").asText("")).isEqualTo("0.0.0.0/0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void s3IsReachedThroughAGatewayEndpointAndAwsApisThroughInterfaceEndpoints(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState s3 = r.one(ENDPOINT, "mlops-" + stack + "-network-s3");
        assertThat(s3.input("vpcEndpointType").asText()).isEqualTo("Gateway");
        assertThat(s3.input("serviceName").asText()).isEqualTo("com.amazonaws.eu-west-1.s3");
        assertThat(s3.input("routeTableIds")).hasSize(1);
        List<ResourceState> interfaces = r.matching(e -> e.type().equals(ENDPOINT) && e.input("vpcEndpointType").asText().equals("Interface"));
        assertThat(interfaces).extracting(e -> e.input("serviceName").asText()).containsExactlyInAnyOrder(
                "com.amazonaws.eu-west-1.sagemaker.api", "com.amazonaws.eu-west-1.sagemaker.runtime", "aws.sagemaker.eu-west-1.studio",
                "com.amazonaws.eu-west-1.sts", "com.amazonaws.eu-west-1.logs", "com.amazonaws.eu-west-1.monitoring",
                "com.amazonaws.eu-west-1.ecr.api", "com.amazonaws.eu-west-1.ecr.dkr", "com.amazonaws.eu-west-1.kms");
        assertThat(interfaces).allSatisfy(e -> {
            assertThat(e.input("privateDnsEnabled").asBoolean()).isTrue();
            assertThat(e.input("subnetIds")).hasSize(r.ofType(SUBNET).size());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void endpointsAcceptHttpsFromWorkloadsOnlyAndWorkloadsReachOnlyEndpointsS3AndEachOther(String stack) {
        Resources r = Previews.resources(stack);
        String net = "mlops-" + stack + "-network-";
        assertThat(r.ofType(INGRESS)).extracting(ResourceState::name)
                .containsExactlyInAnyOrder(net + "workloads-from-workloads", net + "endpoints-from-workloads");
        assertThat(r.ofType(EGRESS)).extracting(ResourceState::name)
                .containsExactlyInAnyOrder(net + "workloads-to-workloads", net + "workloads-to-endpoints", net + "workloads-to-s3");
        String workloads = r.one(INGRESS, net + "workloads-from-workloads").input("securityGroupId").asText();
        ResourceState intoEndpoints = r.one(INGRESS, net + "endpoints-from-workloads");
        assertThat(intoEndpoints.input("referencedSecurityGroupId").asText()).isEqualTo(workloads);
        assertThat(intoEndpoints.input("securityGroupId").asText()).isNotEqualTo(workloads).startsWith("sg-");
        assertThat(intoEndpoints.input("fromPort").asInt()).isEqualTo(443);
        assertThat(intoEndpoints.input("toPort").asInt()).isEqualTo(443);
        assertThat(r.one(EGRESS, net + "workloads-to-s3").input("prefixListId").asText()).startsWith("pl-");
        assertThat(r.one(EGRESS, net + "workloads-to-endpoints").input("referencedSecurityGroupId").asText())
                .isEqualTo(intoEndpoints.input("securityGroupId").asText());
    }

    @Test
    void aNatGatewayIsOptInAndAddsOnlyHttpsToTheInternet() {
        var settings = new NetworkSettings("10.40.0.0/16", List.of("eu-west-1a", "eu-west-1b"), true, List.of("sts"));
        OfflineEngine.Run run = OfflineEngine.run(new OfflineEngine.Target("mlops", "t", "123456789012", "eu-west-1", Map.of()),
                ctx -> new Network("net", new NetworkArgs("eu-west-1", settings), ComponentResourceOptions.Empty));
        Resources r = new Resources(run.steps().stream().map(PreviewStep::state).toList());
        assertThat(r.ofType("aws:ec2/natGateway:NatGateway")).hasSize(1);
        assertThat(r.ofType("aws:ec2/internetGateway:InternetGateway")).hasSize(1);
        assertThat(r.one(SUBNET, "net-public-eu-west-1a").input("cidrBlock").asText()).isEqualTo("10.40.128.0/20");
        assertThat(r.one("aws:ec2/route:Route", "net-private-default").inputs().has("natGatewayId")).isTrue();
        assertThat(r.one(EGRESS, "net-workloads-to-internet").input("cidrIpv4").asText()).isEqualTo("0.0.0.0/0");
        assertThat(r.one(EGRESS, "net-workloads-to-internet").input("fromPort").asInt()).isEqualTo(443);
        assertThat(r.matching(e -> e.type().equals(ENDPOINT) && e.input("vpcEndpointType").asText().equals("Interface"))).hasSize(1);
    }
}
