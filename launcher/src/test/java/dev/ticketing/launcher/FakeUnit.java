package dev.ticketing.launcher;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** A supervised unit without a process: the test decides whether it is alive, ready, or fails to start. */
final class FakeUnit implements Supervised {

    private final String name;
    private final int layer;
    private final List<String> stopped;
    boolean alive;
    boolean ready;
    int failingStarts;
    int starts;

    FakeUnit(String name, int layer, List<String> stopped) {
        this.name = name;
        this.layer = layer;
        this.stopped = stopped;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return 1;
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public void start() {
        starts++;
        if (failingStarts > 0) {
            failingStarts--;
            throw new IllegalStateException("port in use");
        }
        alive = true;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public OptionalLong pid() {
        return alive ? OptionalLong.of(1000 + starts) : OptionalLong.empty();
    }

    @Override
    public String exitDescription() {
        return "exited with 1";
    }

    @Override
    public boolean isReady() {
        return alive && ready;
    }

    @Override
    public void stop(Duration grace) {
        synchronized (stopped) {
            stopped.add(name);
        }
        alive = false;
    }

    @Override
    public String commandMarker() {
        return name;
    }
}
