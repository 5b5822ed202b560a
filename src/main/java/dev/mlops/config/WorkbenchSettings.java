package dev.mlops.config;

import java.util.List;

/**
 * The scientists' workbench.
 *
 * @param idleShutdownMinutes minutes without activity after which a JupyterLab space shuts down
 * @param mlflowServerSize    the managed MLflow tracking server's size: Small, Medium or Large
 */
public record WorkbenchSettings(int idleShutdownMinutes, String mlflowServerSize) {

    static final List<String> MLFLOW_SIZES = List.of("Small", "Medium", "Large");

    static WorkbenchSettings read(ConfigReader r) {
        int idle = r.integer("idleShutdownMinutes").check(Check.range(15, 1440)).orElse(60);
        String size = r.string("mlflowServerSize").check(Check.oneOf(MLFLOW_SIZES)).orElse("Small");
        r.rejectUnknownKeys();
        return new WorkbenchSettings(idle, size);
    }
}
