package dev.mlops;

import java.util.OptionalInt;

/**
 * Entry point. Without arguments the Pulumi engine is running the program ({@code pulumi up/preview});
 * with arguments it is the offline command line ({@code preview --stack prod ...}, {@code verify ...}).
 * <p>
 * This class stays this small on purpose: a preview first relaunches itself in a tuned JVM ({@link QuickStart}), and
 * the first JVM should load nothing of the program before it does.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("preview")) {
            OptionalInt relaunched = QuickStart.relaunch(args);
            if (relaunched.isPresent()) {
                System.exit(relaunched.getAsInt());
            }
        }
        Commands.run(args);
    }
}
