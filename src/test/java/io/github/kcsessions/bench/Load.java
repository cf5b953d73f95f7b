package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** A bounded closed-loop load: a fixed number of threads, each sending requests until the time is up. */
final class Load {

    record Result(String name, int requests, double perSecond, double p50Ms, double p99Ms, long bytesPerResponse) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %d |",
                    name, requests, perSecond, p50Ms, p99Ms, bytesPerResponse);
        }
    }

    private static final int THREADS = Integer.getInteger("bench.threads", 4);

    private Load() {
    }

    /** The rows of one table, after a line with its title. */
    static void print(String title, List<Result> results) {
        System.out.println(title);
        System.out.println("| request | requests | requests/s | p50 ms | p99 ms | bytes/response |");
        System.out.println("|---|---|---|---|---|---|");
        results.forEach(System.out::println);
    }

    static Result run(String name, long millis, Supplier<Http.Reply> request) throws Exception {
        for (int i = 0; i < 50; i++) {
            check(request.get()); // warm-up
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + millis * 1_000_000;
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    Http.Reply reply = request.get();
                    latencies.add(System.nanoTime() - before);
                    bytes.addAndGet(check(reply).body().length());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(name, sorted.size(), sorted.size() / seconds, percentile(sorted, 0.5), percentile(sorted, 0.99),
                bytes.get() / Math.max(1, sorted.size()));
    }

    private static Http.Reply check(Http.Reply reply) {
        if (reply.status() != 200) {
            throw new IllegalStateException("Benchmark request failed: " + reply);
        }
        return reply;
    }

    static double percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }

    /** {@code count} password grants of the user, two at a time. */
    static List<Tokens> logins(TestRealm realm, String username, int count, String... headers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Tokens>> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logins.add(pool.submit(() -> realm.passwordGrant(TestRealm.SPA, username, headers)));
        }
        List<Tokens> tokens = new ArrayList<>();
        for (Future<Tokens> login : logins) {
            tokens.add(login.get());
        }
        pool.shutdown();
        return tokens;
    }
}
