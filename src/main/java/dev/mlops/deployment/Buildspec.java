package dev.mlops.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The deployment builds' buildspec, {@code src/main/resources/deployment/buildspec.yml}: kept in the repository, where a
 * reviewer reads it beside the program, and handed to CodeBuild as the projects' inline buildspec.
 */
public final class Buildspec {

    private Buildspec() {
    }

    public static String text() {
        try (InputStream in = Buildspec.class.getResourceAsStream(ContinuousDeployment.BUILDSPEC)) {
            if (in == null) {
                throw new IllegalStateException(ContinuousDeployment.BUILDSPEC + " is missing from the program's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ContinuousDeployment.BUILDSPEC, e);
        }
    }
}
