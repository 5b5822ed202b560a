package dev.mlops.offline;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import java.util.concurrent.CompletableFuture;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * Pulumi's mock monitor, plus a record of each request exactly as the engine would receive it. The
 * public {@code Mocks} interface sees only type, name and inputs; a preview also needs the parent,
 * provider, {@code protect}, {@code retainOnDelete} and dependencies, which only the request carries.
 */
final class RecordingMonitor extends MockMonitor {

    private final Recorder recorder;

    RecordingMonitor(Mocks mocks, Log log, Recorder recorder) {
        super(mocks, log);
        this.recorder = recorder;
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            recorder.registered(resource, PreviewStep.CREATE, response.getUrn(), request.getType(), request.getCustom(),
                    request.getParent(), request.getProvider(), request.getProtect(), request.getRetainOnDelete(),
                    request.getDependenciesList(), request.getObject());
            return response;
        });
    }

    @Override
    public CompletableFuture<ReadResourceResponse> readResourceAsync(Resource resource, ReadResourceRequest request) {
        return super.readResourceAsync(resource, request).thenApply(response -> {
            recorder.registered(resource, PreviewStep.READ, response.getUrn(), request.getType(), true,
                    request.getParent(), request.getProvider(), false, false,
                    request.getDependenciesList(), request.getProperties());
            return response;
        });
    }
}
