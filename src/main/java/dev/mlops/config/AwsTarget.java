package dev.mlops.config;

import java.util.Optional;

/**
 * Where this stack deploys: the region and account the explicit AWS provider is pinned to
 * ({@code allowedAccountIds}), and an optional named profile for operators' machines.
 */
public record AwsTarget(String region, String accountId, Optional<String> profile) {
}
