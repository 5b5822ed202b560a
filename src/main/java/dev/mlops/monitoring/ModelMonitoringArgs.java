package dev.mlops.monitoring;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.ServingSettings;
import dev.mlops.data.DataLakeArns;
import dev.mlops.serving.ServedModel;
import java.util.Objects;

/**
 * @param model              the model and its {@code monitoring} settings
 * @param served             what its endpoint serves; without a champion there is no function yet (alarms and dashboard wait)
 * @param strategy           the stack's serving strategy: a shadow stack also compares the challenger with the champion
 * @param endpointName       the model's endpoint (its name is fixed, so alarms exist before the endpoint does)
 * @param arns               ARN patterns of this stack
 * @param modelPackageGroup  the model's package group, whose packages the promotion gate reads and approves
 * @param data               the data lake's ARNs (capture bucket, platform key)
 * @param captureBucket      the capture bucket's name
 * @param alertTopicArn      where alarms notify and, in manual gate mode, where approval is requested
 * @param alertKeyArn        the alert topic's key (a publisher needs it)
 * @param deadLetterQueueArn where EventBridge puts a scheduled run it could not deliver
 */
public record ModelMonitoringArgs(ModelSettings model, ServedModel served, ServingSettings.Strategy strategy, String endpointName,
                                  ArnPatterns arns, String modelPackageGroup, Output<DataLakeArns> data, Output<String> captureBucket,
                                  Output<String> alertTopicArn, Output<String> alertKeyArn, Output<String> deadLetterQueueArn) {
    public ModelMonitoringArgs {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(served, "served");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(arns, "arns");
        if (!served.model().equals(model.name())) {
            throw new IllegalArgumentException("serving decision of " + served.model() + " given for model " + model.name());
        }
    }

    /** Whether a shadow variant is measured: a shadow stack, whether or not a challenger is deployed right now. */
    public boolean comparesShadow() {
        return strategy == ServingSettings.Strategy.SHADOW;
    }
}
