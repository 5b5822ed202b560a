package dev.mlops.delivery.pipeline;

/**
 * How a job reaches the network. Processing jobs take it as {@code NetworkConfig}; training jobs take the same
 * three settings at the top level of CreateTrainingJob ({@code EnableNetworkIsolation},
 * {@code EnableInterContainerTrafficEncryption}, {@code VpcConfig}).
 *
 * @param networkIsolation         the container may make no network calls; SageMaker still downloads the inputs and
 *                                 uploads the outputs through the VPC's endpoints
 * @param interContainerEncryption traffic between a job's instances is encrypted
 * @param vpc                      the private subnets and security groups; every job here runs inside the VPC
 */
public record NetworkConfig(boolean networkIsolation, boolean interContainerEncryption, VpcConfig vpc) {

    public NetworkConfig {
        if (vpc == null) {
            throw new IllegalArgumentException("every job runs in the platform's VPC; a VpcConfig is required");
        }
    }
}
