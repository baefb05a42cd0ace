package io.github.blockwatch.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used so far by this process and by the Streams threads that apply records (not their producers'
 * network threads). On a machine shared with other work, wall time per event says how busy the machine was
 * as much as how costly the topology is; the stream threads' CPU time per event says the latter.
 */
record CpuTime(long processNanos, long streamThreadNanos) {

    static CpuTime now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long streams = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.contains("-StreamThread-") && !name.contains("producer")) {
                streams += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new CpuTime(process, streams);
    }

    CpuTime since(CpuTime start) {
        return new CpuTime(processNanos - start.processNanos, streamThreadNanos - start.streamThreadNanos);
    }
}
