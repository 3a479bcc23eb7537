package dev.ticketing.platform.embedded;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root. As root we run its programs under {@code unshare -U}: in a new user
 * namespace they are an unprivileged user, while their files on the host still belong to root.
 */
final class UserNamespace {

    private static volatile Boolean needed;

    private UserNamespace() {}

    /** True when we are root and {@code unshare -U} gives a non-root user (so PostgreSQL's programs need it). */
    static boolean needed() {
        if (needed == null) {
            needed = isRoot() && unshareDropsRoot();
        }
        return needed;
    }

    private static boolean isRoot() {
        return "0".equals(output("id", "-u"));
    }

    private static boolean unshareDropsRoot() {
        String uid = output("unshare", "-U", "id", "-u");
        return uid != null && !uid.equals("0");
    }

    private static String output(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
