package convbench.compute;

public enum JobState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
