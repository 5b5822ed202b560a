package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.testing.Previews;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text tree and the pull-request comment. */
class ReportsTest {

    @Test
    void theTextTreeDrawsParentsBeforeChildrenAndCountsOperations() {
        StackPreview p = Previews.of("staging").preview();
        String text = TextReport.render(p, p.steps(), false, List.of());
        assertThat(text).contains(" +   pulumi:pulumi:Stack", " +   ├─ mlops:data:DataLake", "│  ├─ aws:s3:BucketV2", "│     └─ aws:s3:BucketLifecycleConfigurationV2", "├─ mlops:delivery:ModelDelivery", "├─ mlops:serving:Serving", "└─ mlops:retraining:Retraining")
                .contains("Outputs:\n", "    environment: \"staging\"")
                .contains("Resources:\n    + " + p.steps().size() + " to create\n");
        assertThat(text.indexOf("mlops-staging-data-raw-bucket")).isLessThan(text.indexOf("mlops-staging-data-raw-versioning"));
    }

    @Test
    void theCommentHasCountsChangesAndADiagramOfComponents() {
        StackPreview p = Previews.of("prod").preview();
        String md = MarkdownReport.render(p, p.steps(), false, Optional.empty());
        assertThat(md).contains("| `+` create | " + (p.steps().size() - 2) + " |", "| `>` read | 2 |")
                .contains("every resource above would be created")
                .doesNotContain("### Policy results")
                .contains("```mermaid\ngraph TD\n");
        String mermaid = md.substring(md.indexOf("graph TD"));
        assertThat(mermaid).contains("[\"DataLake<br/>mlops-prod-data<br/>33 resources\"]")
                .contains("[(\"stack reference<br/>acme/mlops/staging\")]")
                .contains(" -.-> ")
                .doesNotContain("BucketV2");
    }

    @Test
    void policyLinesAreParsedLikeTheRunnerPrintsThem() {
        assertThat(MarkdownReport.PolicyResult.parse("[mandatory] s3-versioned: bucket x is not versioned (urn:pulumi:s::p::t::x)"))
                .contains(new MarkdownReport.PolicyResult("mandatory", "s3-versioned", "bucket x is not versioned", "urn:pulumi:s::p::t::x"));
        assertThat(MarkdownReport.PolicyResult.parse("[advisory] cost: stack-wide finding")).get()
                .satisfies(r -> assertThat(r.urn()).isEmpty());
        assertThat(MarkdownReport.PolicyResult.parse("Policy pack checked 3 files")).isEmpty();
        StackPreview p = Previews.of("staging").preview();
        assertThat(MarkdownReport.render(p, p.steps(), false, Optional.of(List.of()))).contains("No policy violations.");
    }
}
