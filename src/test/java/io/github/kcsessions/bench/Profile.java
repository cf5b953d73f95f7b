package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.KeycloakServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * With {@code -Dbench.profile=true}: records the server's CPU samples (JDK Flight Recorder, through jcmd) while a step
 * of a benchmark runs, and prints the frames that were on the most samples: where a slow step spends its time.
 */
final class Profile {

    private Profile() {
    }

    static <T> T of(KeycloakServer server, String step, Callable<T> work) throws Exception {
        String jvm = jvmOf(server);
        if (!Boolean.getBoolean("bench.profile") || jvm == null) {
            return work.call();
        }
        Path recording = Files.createTempFile("kcs-profile-", ".jfr");
        exec("jcmd", jvm, "JFR.start", "name=kcs", "settings=profile", "filename=" + recording);
        try {
            return work.call();
        } finally {
            exec("jcmd", jvm, "JFR.stop", "name=kcs");
            print(step, recording);
        }
    }

    private static void print(String step, Path recording) throws IOException, InterruptedException {
        String samples = exec("jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64",
                recording.toString());
        Map<String, Integer> inclusive = new HashMap<>();
        int total = 0;
        for (String event : samples.split("jdk.ExecutionSample")) {
            List<String> frames = event.lines().map(String::strip)
                    .filter(l -> l.contains("line:") && !l.startsWith("java.") && !l.startsWith("jdk."))
                    .map(l -> l.substring(0, l.indexOf('(') < 0 ? l.length() : l.indexOf('(')))
                    .distinct().toList();
            if (frames.isEmpty()) {
                continue;
            }
            total++;
            frames.forEach(f -> inclusive.merge(f, 1, Integer::sum));
        }
        int all = total;
        System.out.printf("%nProfile of %s: %d samples; frames on the most samples:%n", step, total);
        inclusive.entrySet().stream()
                .filter(e -> e.getKey().startsWith("io.github.kcsessions") || e.getKey().startsWith("org.keycloak")
                        || e.getKey().startsWith("org.hibernate") || e.getKey().startsWith("org.infinispan"))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(40)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, all), e.getKey()));
    }

    /** The server's JVM: kc.sh starts it as its child. */
    static String jvmOf(KeycloakServer server) {
        return ProcessHandle.of(server.pid()).stream()
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .map(p -> String.valueOf(p.pid()))
                .findFirst().orElse(null);
    }

    static String exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
