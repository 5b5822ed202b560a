package dev.mlops.access;

/**
 * ARNs of what this stack owns, by name pattern. Every resource the platform names starts with the stack's
 * prefix ({@code mlops-staging-...}), so a policy can name a whole kind of resource before it exists, and
 * access does not wait for (or depend on) the components that create them.
 *
 * @param region    the stack's region
 * @param accountId the stack's account
 * @param prefix    the naming prefix, e.g. {@code mlops-staging}
 */
public record ArnPatterns(String region, String accountId, String prefix) {

    public String sagemaker(String resource) {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":" + resource;
    }

    public String modelPackageGroups() {
        return sagemaker("model-package-group/" + prefix + "-*");
    }

    public String modelPackages() {
        return sagemaker("model-package/" + prefix + "-*/*");
    }

    /** The versions (model packages) of one model package group. */
    public String modelPackagesIn(String groupName) {
        return sagemaker("model-package/" + groupName + "/*");
    }

    /** Training pipelines: {@code <prefix>-<model>-training}. */
    public String trainingPipelines() {
        return sagemaker("pipeline/" + prefix + "-*-training");
    }

    /** Data pipelines: {@code <prefix>-<source>-data}. */
    public String dataPipelines() {
        return sagemaker("pipeline/" + prefix + "-*-data");
    }

    public String pipelineExecutions(String pipelinePattern) {
        return pipelinePattern + "/execution/*";
    }

    public String endpoints() {
        return sagemaker("endpoint/" + prefix + "-*");
    }

    public String endpointConfigs() {
        return sagemaker("endpoint-config/" + prefix + "-*");
    }

    public String processingJobs() {
        return sagemaker("processing-job/*");
    }

    public String trainingJobs() {
        return sagemaker("training-job/*");
    }

    public String userProfiles() {
        return sagemaker("user-profile/*/*");
    }

    public String apps() {
        return sagemaker("app/*/*/*/*");
    }

    public String spaces() {
        return sagemaker("space/*/*");
    }

    public String mlflowTrackingServers() {
        return sagemaker("mlflow-tracking-server/" + prefix + "-*");
    }

    public String deliveryPipelines() {
        return "arn:aws:codepipeline:" + region + ":" + accountId + ":" + prefix + "-*";
    }

    public String buildProjects() {
        return "arn:aws:codebuild:" + region + ":" + accountId + ":project/" + prefix + "-*";
    }

    public String codeRepository(String name) {
        return "arn:aws:codecommit:" + region + ":" + accountId + ":" + name;
    }

    public String alarms() {
        return "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + prefix + "-*";
    }

    public String logGroup(String name) {
        return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name;
    }

    /** A role by its exact name. */
    public String role(String name) {
        return "arn:aws:iam::" + accountId + ":role/" + name;
    }

    /** Roles whose (auto-generated) names start with {@code <prefix>-<infix>}. */
    public String roles(String infix) {
        return "arn:aws:iam::" + accountId + ":role/" + prefix + "-" + infix + "*";
    }
}
