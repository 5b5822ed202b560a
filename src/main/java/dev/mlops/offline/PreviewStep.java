package dev.mlops.offline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a preview: what the engine would do to one resource.
 *
 * @param op           create, read, update, delete or same
 * @param oldState     the resource before (update, delete, same)
 * @param newState     the resource after (create, read, update, same)
 * @param diffReasons  top-level inputs that differ (update)
 * @param detailedDiff changed input paths to their kind of change: add, delete or update (update)
 */
public record PreviewStep(
        String op,
        Optional<ResourceState> oldState,
        Optional<ResourceState> newState,
        List<String> diffReasons,
        Map<String, String> detailedDiff) {

    public static final String CREATE = "create";
    public static final String READ = "read";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
    public static final String SAME = "same";

    public PreviewStep {
        Objects.requireNonNull(op, "op");
        if (oldState.isEmpty() && newState.isEmpty()) {
            throw new IllegalArgumentException("a step needs an old or a new state");
        }
        diffReasons = List.copyOf(diffReasons);
        detailedDiff = Map.copyOf(detailedDiff);
    }

    public static PreviewStep create(ResourceState state) {
        return new PreviewStep(CREATE, Optional.empty(), Optional.of(state), List.of(), Map.of());
    }

    public static PreviewStep read(ResourceState state) {
        return new PreviewStep(READ, Optional.empty(), Optional.of(state), List.of(), Map.of());
    }

    /** The state that identifies the resource: the new one, or the old one for a delete. */
    public ResourceState state() {
        return newState.orElseGet(oldState::orElseThrow);
    }

    public String urn() {
        return state().urn();
    }
}
