package dev.mlops.network;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.config.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The private network every SageMaker workload runs in: private subnets across the configured zones, no
 * route to the internet unless a NAT gateway is asked for, and VPC endpoints instead (an S3 gateway
 * endpoint and the interface endpoints Studio, training and processing need). Two security groups:
 * {@code workloads} for Studio apps, jobs and endpoints (open only within itself, as Studio's apps and EFS
 * need, and out to the endpoints and S3) and {@code endpoints} (HTTPS in from workloads only).
 */
public final class Network extends ComponentResource {

    public final Output<String> vpcId;
    public final Output<List<String>> privateSubnetIds;
    /** The group for Studio apps, processing and training jobs, and endpoints. */
    public final Output<String> workloadSecurityGroupId;
    public final Output<String> endpointSecurityGroupId;

    public Network(String name, NetworkArgs args, ComponentResourceOptions opts) {
        super("mlops:network:Network", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        NetworkSettings settings = args.settings();

        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(settings.cidr())
                .enableDnsHostnames(true) // private DNS of interface endpoints needs both
                .enableDnsSupport(true)
                .tags(Map.of("Name", name))
                .build(), child);

        var privateRoutes = new RouteTable(name + "-private-routes", RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(Map.of("Name", name + "-private")).build(), child);
        List<Subnet> subnets = new ArrayList<>();
        for (int i = 0; i < settings.zones().size(); i++) {
            String zone = settings.zones().get(i);
            var subnet = new Subnet(name + "-private-" + zone, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZone(zone)
                    .cidrBlock(settings.subnetCidr(i))
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", name + "-private-" + zone, "tier", "private"))
                    .build(), child);
            new RouteTableAssociation(name + "-private-" + zone + "-routes", RouteTableAssociationArgs.builder()
                    .subnetId(subnet.id()).routeTableId(privateRoutes.id()).build(), child);
            subnets.add(subnet);
        }
        if (settings.natGateway()) {
            natGateway(name, settings, vpc, privateRoutes, child);
        }

        var workloads = new SecurityGroup(name + "-workloads", SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description("SageMaker Studio apps, processing and training jobs, endpoints")
                .tags(Map.of("Name", name + "-workloads"))
                .build(), child);
        var endpoints = new SecurityGroup(name + "-endpoints", SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description("Interface VPC endpoints: HTTPS from workloads only")
                .tags(Map.of("Name", name + "-endpoints"))
                .build(), child);

        // Studio apps talk to each other and to the domain's EFS (NFS 2049, apps 8192-65535); multi-instance
        // training talks between instances. Allow all TCP, but only within the group.
        new SecurityGroupIngressRule(name + "-workloads-from-workloads", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(workloads.id()).referencedSecurityGroupId(workloads.id())
                .ipProtocol("tcp").fromPort(0).toPort(65535)
                .description("Studio apps, EFS and distributed jobs within the group").build(), child);
        new SecurityGroupEgressRule(name + "-workloads-to-workloads", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(workloads.id()).referencedSecurityGroupId(workloads.id())
                .ipProtocol("tcp").fromPort(0).toPort(65535)
                .description("Studio apps, EFS and distributed jobs within the group").build(), child);
        new SecurityGroupEgressRule(name + "-workloads-to-endpoints", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(workloads.id()).referencedSecurityGroupId(endpoints.id())
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description("AWS APIs through interface endpoints").build(), child);
        new SecurityGroupIngressRule(name + "-endpoints-from-workloads", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(endpoints.id()).referencedSecurityGroupId(workloads.id())
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description("HTTPS from workloads").build(), child);

        var s3 = new VpcEndpoint(name + "-s3", VpcEndpointArgs.builder()
                .vpcId(vpc.id())
                .serviceName("com.amazonaws." + args.region() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(privateRoutes.id().applyValue(List::of))
                .tags(Map.of("Name", name + "-s3"))
                .build(), child);
        new SecurityGroupEgressRule(name + "-workloads-to-s3", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(workloads.id()).prefixListId(s3.prefixListId())
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description("S3 through the gateway endpoint").build(), child);
        if (settings.natGateway()) {
            new SecurityGroupEgressRule(name + "-workloads-to-internet", SecurityGroupEgressRuleArgs.builder()
                    .securityGroupId(workloads.id()).cidrIpv4("0.0.0.0/0")
                    .ipProtocol("tcp").fromPort(443).toPort(443)
                    .description("HTTPS to the internet through the NAT gateway (mlops:network.natGateway)").build(), child);
        }

        Output<List<String>> subnetIds = Output.all(subnets.stream().map(Subnet::id).toList());
        for (String endpoint : settings.interfaceEndpoints()) {
            new VpcEndpoint(name + "-" + endpoint.replace('.', '-'), VpcEndpointArgs.builder()
                    .vpcId(vpc.id())
                    .serviceName(String.format(NetworkSettings.ENDPOINT_SERVICES.get(endpoint), args.region()))
                    .vpcEndpointType("Interface")
                    .privateDnsEnabled(true)
                    .subnetIds(subnetIds)
                    .securityGroupIds(endpoints.id().applyValue(List::of))
                    .tags(Map.of("Name", name + "-" + endpoint))
                    .build(), child);
        }

        this.vpcId = vpc.id();
        this.privateSubnetIds = subnetIds;
        this.workloadSecurityGroupId = workloads.id();
        this.endpointSecurityGroupId = endpoints.id();
        registerOutputs(Map.of("vpcId", vpcId, "privateSubnetIds", privateSubnetIds,
                "workloadSecurityGroupId", workloadSecurityGroupId, "endpointSecurityGroupId", endpointSecurityGroupId));
    }

    /** One NAT gateway in a public subnet of the first zone: cheaper than one per zone, at the cost of that zone. */
    private void natGateway(String name, NetworkSettings settings, Vpc vpc, RouteTable privateRoutes, CustomResourceOptions child) {
        var gateway = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id()).tags(Map.of("Name", name)).build(), child);
        var publicRoutes = new RouteTable(name + "-public-routes", RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(Map.of("Name", name + "-public")).build(), child);
        new Route(name + "-public-default", RouteArgs.builder()
                .routeTableId(publicRoutes.id()).destinationCidrBlock("0.0.0.0/0").gatewayId(gateway.id()).build(), child);
        String zone = settings.zones().get(0);
        var publicSubnet = new Subnet(name + "-public-" + zone, SubnetArgs.builder()
                .vpcId(vpc.id()).availabilityZone(zone).cidrBlock(settings.publicSubnetCidr(0))
                .mapPublicIpOnLaunch(false)
                .tags(Map.of("Name", name + "-public-" + zone, "tier", "public"))
                .build(), child);
        new RouteTableAssociation(name + "-public-" + zone + "-routes", RouteTableAssociationArgs.builder()
                .subnetId(publicSubnet.id()).routeTableId(publicRoutes.id()).build(), child);
        var address = new Eip(name + "-nat-ip", EipArgs.builder().domain("vpc").tags(Map.of("Name", name + "-nat")).build(),
                CustomResourceOptions.builder().parent(this).dependsOn(gateway).build());
        var nat = new NatGateway(name + "-nat", NatGatewayArgs.builder()
                .subnetId(publicSubnet.id()).allocationId(address.id()).tags(Map.of("Name", name)).build(), child);
        new Route(name + "-private-default", RouteArgs.builder()
                .routeTableId(privateRoutes.id()).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build(), child);
    }
}
