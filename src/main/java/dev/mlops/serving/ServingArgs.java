package dev.mlops.serving;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.ServingSettings;
import dev.mlops.data.DataLakeArns;
import dev.mlops.promotion.SourceStack;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * @param arns            ARN patterns of this stack (prefix, region, account)
 * @param models          the models, in settings order
 * @param serving         strategy, data capture, rollout, API throttling
 * @param plan            what each model serves (see {@link ServingPlan})
 * @param data            the data lake's ARNs (artifacts, capture, keys)
 * @param captureBucket   the capture bucket's name
 * @param platformKeyArn  encrypts captured data and the endpoints' volumes
 * @param subnetIds       private subnets of the model containers
 * @param securityGroupId their security group
 * @param alertTopicArn   where alarms notify
 * @param source          the stack models are promoted from, whose artifacts the endpoints read
 */
public record ServingArgs(ArnPatterns arns, List<ModelSettings> models, ServingSettings serving, Map<String, ServedModel> plan,
                          Output<DataLakeArns> data, Output<String> captureBucket, Output<String> platformKeyArn,
                          Output<List<String>> subnetIds, Output<String> securityGroupId, Output<String> alertTopicArn,
                          Optional<Output<SourceStack>> source) {
    public ServingArgs {
        Objects.requireNonNull(arns, "arns");
        models = List.copyOf(models);
        plan = Map.copyOf(plan);
        for (ModelSettings m : models) {
            if (!plan.containsKey(m.name())) {
                throw new IllegalArgumentException("no serving decision for model " + m.name());
            }
        }
    }
}
