package io.github.blockwatch.ingest;

/** Where ingest reports how far it has read a dump: a terminal progress bar, or nothing. */
public interface Progress {
    void start(String task, long totalBytes);

    void update(long bytesRead, long rows);

    void finish(long totalBytes, long rows);

    Progress NONE = new Progress() {
        @Override
        public void start(String task, long totalBytes) {}

        @Override
        public void update(long bytesRead, long rows) {}

        @Override
        public void finish(long totalBytes, long rows) {}
    };
}
