package dev.mlops.offline;

/**
 * A message the program or the preview reported: {@code severity} is info, warning or error; {@code urn}
 * names the resource it is about, or is empty.
 */
public record Diagnostic(String urn, String severity, String message) {
    public Diagnostic {
        urn = urn == null ? "" : urn;
    }

    public static Diagnostic warning(String message) {
        return new Diagnostic("", "warning", message);
    }
}
