package dev.mlops.registry;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import java.util.List;
import java.util.Objects;

/**
 * @param arns         name patterns of this stack's resources (account, region, the function's permissions)
 * @param groupNames   the model package groups whose new versions get a version; the function may touch only these
 * @param logLevel     the function's log level ({@code POWERTOOLS_LOG_LEVEL}): DEBUG, INFO, WARN or ERROR
 * @param alarmActions what the alarms notify (e.g. the platform's alert topic); empty: the alarms only change state
 */
public record ModelVersioningArgs(ArnPatterns arns, List<String> groupNames, String logLevel, Output<List<String>> alarmActions) {

    static final List<String> LOG_LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

    public ModelVersioningArgs {
        Objects.requireNonNull(arns, "arns");
        Objects.requireNonNull(alarmActions, "alarmActions");
        groupNames = List.copyOf(groupNames);
        if (groupNames.isEmpty()) {
            throw new IllegalArgumentException("model versioning needs at least one model package group");
        }
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("logLevel must be one of " + LOG_LEVELS + ", was " + logLevel);
        }
    }
}
