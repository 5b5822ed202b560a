package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Creates, updates with the changed input paths, deletes and unchanged resources against a base preview. */
class PreviewDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ResourceState state(String name, String inputs, boolean protect) throws Exception {
        return new ResourceState("urn:pulumi:s::mlops::aws:s3/bucketPolicy:BucketPolicy::" + name, "aws:s3/bucketPolicy:BucketPolicy",
                true, "", "", protect, false, List.of(), (ObjectNode) JSON.readTree(inputs));
    }

    @Test
    void classifiesEveryResource() throws Exception {
        ResourceState kept = state("kept", "{\"a\": 1}", false);
        ResourceState changed = state("changed", "{\"a\": 1}", false);
        ResourceState removed = state("removed", "{}", false);
        ResourceState added = state("added", "{}", false);
        List<PreviewStep> steps = PreviewDiff.against(List.of(kept, changed, removed),
                List.of(PreviewStep.create(kept), PreviewStep.create(state("changed", "{\"a\": 2}", false)), PreviewStep.create(added)));
        assertThat(steps).extracting(PreviewStep::op).containsExactly("same", "update", "create", "delete");
        assertThat(steps.get(1).detailedDiff()).containsExactly(java.util.Map.entry("a", "update"));
        assertThat(steps.get(1).oldState()).contains(changed);
        assertThat(steps.get(3).oldState()).contains(removed);
        assertThat(steps.get(3).newState()).isEmpty();
    }

    @Test
    void comparesPolicyDocumentsStatementByStatement() throws Exception {
        ResourceState before = state("p", "{\"policy\": \"{\\\"Statement\\\":[{\\\"Action\\\":\\\"s3:GetObject\\\"}]}\"}", false);
        ResourceState after = state("p", "{\"policy\": \"{\\\"Statement\\\":[{\\\"Action\\\":\\\"s3:*\\\"},{\\\"Action\\\":\\\"kms:Decrypt\\\"}]}\"}", false);
        PreviewStep step = PreviewDiff.compare(before, after);
        assertThat(step.op()).isEqualTo("update");
        assertThat(step.detailedDiff()).containsEntry("policy.Statement[0].Action", "update")
                .containsEntry("policy.Statement[1]", "add");
        assertThat(step.diffReasons()).containsExactly("policy");
    }

    @Test
    void addedAndRemovedKeysAreNamedAsSuch() throws Exception {
        PreviewStep step = PreviewDiff.compare(state("t", "{\"tags\": {\"a\": \"1\"}}", false), state("t", "{\"tags\": {\"b\": \"1\"}}", false));
        assertThat(step.detailedDiff()).containsEntry("tags.a", "delete").containsEntry("tags.b", "add");
    }

    @Test
    void numbersCompareByValueAndDefaultsMarkersAreIgnored() throws Exception {
        PreviewStep step = PreviewDiff.compare(state("n", "{\"days\": 30, \"__defaults\": []}", false),
                state("n", "{\"days\": 30.0, \"__defaults\": [\"bucket\"]}", false));
        assertThat(step.op()).isEqualTo("same");
    }

    @Test
    void droppingProtectionIsAnUpdateAReviewerSees() throws Exception {
        PreviewStep step = PreviewDiff.compare(state("b", "{}", true), state("b", "{}", false));
        assertThat(step.op()).isEqualTo("update");
        assertThat(step.diffReasons()).containsExactly("protect");
    }

    @Test
    void stackReferencesAreReadEveryTime() throws Exception {
        ResourceState ref = new ResourceState("urn:pulumi:s::mlops::pulumi:pulumi:StackReference::r", "pulumi:pulumi:StackReference",
                true, "", "", false, false, List.of(), (ObjectNode) JSON.readTree("{\"name\": \"a/b/c\"}"));
        assertThat(PreviewDiff.against(List.of(ref), List.of(PreviewStep.read(ref)))).extracting(PreviewStep::op).containsExactly("read");
    }
}
