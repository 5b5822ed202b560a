package dev.mlops.offline.preflight;

import dev.mlops.offline.ResourceState;
import java.util.List;

/** One family of AWS limits, checked against each resource's resolved inputs. */
public interface PreflightRule {

    void check(ResourceState resource, List<Finding> findings);
}
