package dev.mlops;

import com.pulumi.Pulumi;
import com.pulumi.exceptions.RunException;
import dev.mlops.config.ConfigException;
import dev.mlops.config.StackSettings;
import dev.mlops.offline.OfflineCli;
import dev.mlops.platform.Platform;
import dev.mlops.verify.VerifyCommand;

/** What {@link App} runs: the program under the Pulumi engine, or a command of the offline command line. */
final class Commands {

    private Commands() {
    }

    static void run(String[] args) {
        // CompletableFuture falls back to a new thread per async task when the common pool has a single
        // worker (any machine with two cores); Pulumi's SDK schedules thousands of such tasks.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                    String.valueOf(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
        if (args.length == 0) {
            Pulumi.run(ctx -> {
                StackSettings settings;
                try {
                    settings = StackSettings.fromContext(ctx);
                } catch (ConfigException e) {
                    // RunException: the engine prints the message without a stack trace.
                    throw new RunException(e.getMessage());
                }
                Platform.define(ctx, settings, new RegistryOnDemand(settings.aws()));
            });
            return;
        }
        if (args[0].equals("verify")) {
            System.exit(VerifyCommand.run(args, System.out, System.err, VerifyCommand::sageMakerClient));
        }
        System.exit(OfflineCli.run(args, System.out, System.err));
    }
}
