package dev.mlops.functions.gate;

/**
 * What the gate needs to know of one variant over the evaluated window.
 *
 * @param variant      endpoint variant name
 * @param modelVersion the model version it serves
 * @param samples      labelled predictions the RMSE is computed on
 * @param rmse         root mean squared error; NaN without samples
 */
public record VariantScore(String variant, String modelVersion, long samples, double rmse) {
}
