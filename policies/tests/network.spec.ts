import { describe, it } from "node:test";

import { T } from "../lib/stack";
import { securityGroupsNoPublicIngress, subnetsPrivate, vpcEndpointsForPlatformServices, vpcNoInternetGateway } from "../network";
import { assertNotApplicable, assertPasses, assertViolates, resourceArgs, runResource, runStack, stackArgs } from "./helpers";
import { network } from "./platform";

describe('"subnets-private"', () => {
    it("passes a subnet without public addresses", async () => {
        assertPasses(await runResource(subnetsPrivate, resourceArgs(T.subnet, { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" })));
    });
    it("reports a subnet that maps public IPs on launch", async () => {
        assertViolates(await runResource(subnetsPrivate, resourceArgs(T.subnet, { vpcId: "vpc-1", mapPublicIpOnLaunch: true })), "mapPublicIpOnLaunch is true");
    });
});

describe('"vpc-no-internet-gateway"', () => {
    it("reports an internet gateway", async () => {
        assertViolates(await runResource(vpcNoInternetGateway, resourceArgs(T.internetGateway, { vpcId: "vpc-1" })), "InternetGateway connects the VPC to the internet");
    });
    it("does not apply to VPC endpoints", async () => {
        assertNotApplicable(await runResource(vpcNoInternetGateway, resourceArgs(T.vpcEndpoint, { serviceName: "com.amazonaws.eu-west-1.s3" })));
    });
});

describe('"security-groups-no-public-ingress"', () => {
    const policy = securityGroupsNoPublicIngress;
    it("passes ingress from the VPC only", async () => {
        assertPasses(await runResource(policy, resourceArgs(T.securityGroup, { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }] })));
        assertPasses(await runResource(policy, resourceArgs(T.securityGroupRule, { type: "egress", cidrBlocks: ["0.0.0.0/0"], fromPort: 443, toPort: 443 })));
    });
    it("reports ingress from anywhere, in every form", async () => {
        assertViolates(await runResource(policy, resourceArgs(T.securityGroup, { ingress: [{ fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] })), "ports 22-22) admits 0.0.0.0/0");
        assertViolates(await runResource(policy, resourceArgs(T.securityGroupRule, { type: "ingress", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] })), "admits ::/0");
        assertViolates(await runResource(policy, resourceArgs(T.securityGroupIngressRule, { cidrIpv4: "0.0.0.0/0", fromPort: 443 })), "admits 0.0.0.0/0");
    });
});

describe('"vpc-endpoints-for-platform-services"', () => {
    const policy = vpcEndpointsForPlatformServices;
    it("passes a VPC with every required endpoint", async () => {
        assertPasses(await runStack(policy, stackArgs(network("staging"))));
    });
    it("reports missing endpoints", async () => {
        const specs = network("staging").filter(s => !String(s.props?.serviceName).match(/\.(sts|logs)$/));
        assertViolates(await runStack(policy, stackArgs(specs)), "has no endpoint for sts, logs");
    });
    it("reports an interface endpoint without private DNS", async () => {
        const specs = network("staging").map(s => (String(s.props?.serviceName).endsWith("sagemaker.api") ? { ...s, props: { ...s.props, privateDnsEnabled: false } } : s));
        assertViolates(await runStack(policy, stackArgs(specs)), "privateDnsEnabled off");
    });
    it("takes the required services from policy config", async () => {
        const specs = network("staging").filter(s => !String(s.props?.serviceName).endsWith(".logs"));
        assertPasses(await runStack(policy, stackArgs(specs, { config: { requiredServices: ["s3", "sts"] } })));
    });
    it("does not apply to a stack without a VPC", async () => {
        assertNotApplicable(await runStack(policy, stackArgs([])), "no VPC");
    });
});
