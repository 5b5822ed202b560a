package dev.mlops.delivery.pipeline;

import java.util.List;

/**
 * The private subnets and security groups a job's network interfaces are placed in (API VpcConfig: 1 to 5
 * security groups, 1 to 16 subnets, ids of {@code [-0-9a-zA-Z]} up to 32 characters).
 */
public record VpcConfig(List<String> securityGroupIds, List<String> subnets) {

    public VpcConfig {
        securityGroupIds = List.copyOf(securityGroupIds);
        subnets = List.copyOf(subnets);
        Constraints.size(securityGroupIds, 1, Constraints.MAX_SECURITY_GROUPS, "VpcConfig.SecurityGroupIds");
        Constraints.size(subnets, 1, Constraints.MAX_SUBNETS, "VpcConfig.Subnets");
        securityGroupIds.forEach(id -> Constraints.matches(id, Constraints.VPC_ID, "security group id", "a security group id such as sg-0123456789abcdef0"));
        subnets.forEach(id -> Constraints.matches(id, Constraints.VPC_ID, "subnet id", "a subnet id such as subnet-0123456789abcdef0"));
        Constraints.unique(securityGroupIds, "security group");
        Constraints.unique(subnets, "subnet");
    }
}
