package dev.mlops.access;

import dev.mlops.config.IdentitySettings;

/** The three kinds of people on the platform; each gets one role, its own policy and the shared guardrails. */
public enum Persona {
    /** Own the raw data sources, run the data pipelines, publish curated data. */
    DATA_ENGINEER("data-engineer"),
    /** Work in notebooks on curated data only; revise model code; run experiments. */
    DATA_SCIENTIST("data-scientist"),
    /** Approve or reject model versions; operate endpoints and alarms. */
    ML_ENGINEER("ml-engineer");

    private final String key;

    Persona(String key) {
        this.key = key;
    }

    /** The persona's name in resource names, e.g. {@code data-scientist}. */
    public String key() {
        return key;
    }

    /** The IAM Identity Center permission set whose users may take this persona. */
    String permissionSet(IdentitySettings.PersonaNames names) {
        return switch (this) {
            case DATA_ENGINEER -> names.dataEngineer();
            case DATA_SCIENTIST -> names.dataScientist();
            case ML_ENGINEER -> names.mlEngineer();
        };
    }
}
