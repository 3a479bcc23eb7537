package dev.ticketing.platform.messaging;

/**
 * The versioning rule of docs/asyncapi.yaml for replicas: apply an update only on top of the version before it, skip
 * older ones, retry later when there is a gap.
 */
public enum ReplicaVersion {
    /** {@code incoming == current + 1}: apply it. */
    APPLY,
    /** {@code incoming <= current}: already applied; acknowledge and skip. */
    SKIP,
    /** {@code incoming > current + 1}: an earlier update is missing; retry later. */
    GAP;

    public static ReplicaVersion decide(long currentVersion, long incomingVersion) {
        if (incomingVersion <= currentVersion) {
            return SKIP;
        }
        return incomingVersion == currentVersion + 1 ? APPLY : GAP;
    }
}
