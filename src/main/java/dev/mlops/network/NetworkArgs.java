package dev.mlops.network;

import dev.mlops.config.NetworkSettings;
import java.util.Objects;

/**
 * @param region   the region, for endpoint service names
 * @param settings CIDR, zones, NAT and endpoints
 */
public record NetworkArgs(String region, NetworkSettings settings) {
    public NetworkArgs {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(settings, "settings");
        if (settings.zones().isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one availability zone");
        }
    }
}
