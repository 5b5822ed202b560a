package dev.mlops.functions.inference;

import java.util.List;

/**
 * The answer to a prediction request; {@code inferenceId} is the id SageMaker's data capture records with the request,
 * so ground truth sent later can be joined to it.
 *
 * @param predictions  one number per row, in the order of the rows
 * @param inferenceId  the id sent to SageMaker with the request
 * @param model        the model's name
 * @param modelVersion the version the invoked variant serves ({@code V<tag>.<manual>.<auto>}); null when the
 *                     configuration does not name it
 * @param variant      the production variant SageMaker invoked
 */
record PredictionResponse(List<Double> predictions, String inferenceId, String model, String modelVersion, String variant) {
}
