package dev.mlops.config;

import java.util.Optional;

/**
 * When a model is retrained without new code ({@code mlops:models[].retraining}): on a schedule, when new curated
 * data is published for it, and when its quality alarm fires. Models are trained in the stack that does not promote
 * from another one (staging); a promoting stack (prod) serves only what its source approved, so there every trigger
 * is off and may not be switched on.
 *
 * @param schedule  EventBridge schedule expression of the {@code scheduled} trigger; empty: no scheduled retraining
 * @param onNewData retrain ({@code new-data}) when a batch is published under the model's curated prefix
 * @param onDrift   retrain ({@code drift}) when the model's quality alarm enters ALARM
 */
public record RetrainingSettings(Optional<String> schedule, boolean onNewData, boolean onDrift) {

    /** Mondays at 04:00 UTC, after the nightly ingestion at 03:00 has published the weekend's batches. */
    public static final String DEFAULT_SCHEDULE = "cron(0 4 ? * MON *)";
    /** The value that switches the scheduled trigger off. */
    public static final String NONE = "none";

    public static final RetrainingSettings OFF = new RetrainingSettings(Optional.empty(), false, false);

    /** The defaults of a stack that does ({@code promotes}) or does not promote from another stack. */
    public static RetrainingSettings defaults(boolean promotes) {
        return promotes ? OFF : new RetrainingSettings(Optional.of(DEFAULT_SCHEDULE), true, true);
    }

    public boolean any() {
        return schedule.isPresent() || onNewData || onDrift;
    }

    static RetrainingSettings read(ConfigReader r, boolean promotes) {
        RetrainingSettings d = defaults(promotes);
        // YAML 1.1 reads an unquoted `off`/`false` as a boolean; its text form "false" is taken as "none" too.
        Field<String> scheduleField = r.string("schedule").check(new Check<>(
                v -> v.equals(NONE) || v.equals("false") || Schedules.valid(v),
                v -> Check.quote(v) + " is neither " + NONE + " (no scheduled retraining) nor " + Schedules.ALLOWED));
        Optional<String> schedule = scheduleField.isPresent()
                ? scheduleField.optional().filter(v -> !v.equals(NONE) && !v.equals("false"))
                : d.schedule();
        Field<Boolean> newDataField = r.bool("onNewData");
        Field<Boolean> driftField = r.bool("onDrift");
        boolean onNewData = newDataField.orElse(d.onNewData());
        boolean onDrift = driftField.orElse(d.onDrift());
        if (promotes) {
            String why = "this stack promotes models from another stack (mlops:promotion) and serves only what that stack approved,"
                    + " so a version retrained here would never be served; retrain in the source stack";
            if (schedule.isPresent()) {
                r.problems().add(scheduleField.path(), Check.quote(schedule.get()) + " is not allowed: " + why + " (allowed here: " + NONE + ")");
            }
            if (onNewData) {
                r.problems().add(newDataField.path(), "true is not allowed: " + why + " (allowed here: false)");
            }
            if (onDrift) {
                r.problems().add(driftField.path(), "true is not allowed: " + why + " (allowed here: false)");
            }
        }
        r.rejectUnknownKeys();
        return new RetrainingSettings(schedule, onNewData, onDrift);
    }
}
