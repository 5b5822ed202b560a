package dev.mlops.serving;

import com.pulumi.core.Output;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.ServingSettings;
import java.util.List;
import java.util.Objects;

/**
 * @param model              the model's settings (instances, autoscaling)
 * @param served             what its endpoint serves; must have a champion
 * @param serving            the stack's serving strategy, data capture and rollout
 * @param endpointName       the endpoint's explicit, stable name
 * @param executionRoleArn   the role SageMaker runs the model containers as
 * @param subnetIds          private subnets of the model containers
 * @param securityGroupId    their security group
 * @param captureBucket      where requests and responses are captured
 * @param kmsKeyArn          encrypts captured data and the instances' storage volumes
 * @param alertTopicArn      where the endpoint's alarms notify
 */
public record ModelEndpointArgs(ModelSettings model, ServedModel served, ServingSettings serving, String endpointName,
                                Output<String> executionRoleArn, Output<List<String>> subnetIds, Output<String> securityGroupId,
                                Output<String> captureBucket, Output<String> kmsKeyArn, Output<String> alertTopicArn) {
    public ModelEndpointArgs {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(served, "served");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(endpointName, "endpointName");
        if (!served.hasEndpoint()) {
            throw new IllegalArgumentException(model.name() + " has no champion to serve: " + served.reason());
        }
    }
}
