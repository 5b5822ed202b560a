package dev.mlops.delivery.pipeline;

import java.util.List;

/**
 * What a generator produces for one SageMaker pipeline: its name, its definition, and the objects the definition
 * reads, which must be uploaded first.
 *
 * @param pipelineName the {@code aws.sagemaker.Pipeline}'s explicit name (never auto-named)
 * @param definition   the definition; {@link #definitionJson()} is the resource's {@code pipelineDefinition}
 * @param uploads      the scripts and documents to upload, in a fixed order
 */
public record GeneratedPipeline(String pipelineName, PipelineDefinition definition, List<S3Upload> uploads) {

    // API PipelineName: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}
    private static final java.util.regex.Pattern PIPELINE_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");

    public GeneratedPipeline {
        Constraints.matches(pipelineName, PIPELINE_NAME, "pipeline name",
                "1 to 256 letters, digits and hyphens, starting and ending with a letter or digit (SageMaker PipelineName)");
        if (definition == null) {
            throw new IllegalArgumentException("pipeline " + pipelineName + " needs a definition");
        }
        uploads = List.copyOf(uploads);
        Constraints.unique(uploads.stream().map(S3Upload::uri).toList(), "upload");
    }

    public String definitionJson() {
        return definition.toJson();
    }
}
