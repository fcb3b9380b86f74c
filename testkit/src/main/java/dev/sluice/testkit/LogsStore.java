package dev.sluice.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The log groups, streams and events of the CloudWatch Logs stand-in.
 *
 * <p>Thread-safety: every method holds this object's monitor for a short, non-blocking update or copy; requests on
 * different connections (Netty event loops) and test threads reading back therefore see a consistent state.
 */
final class LogsStore {

    static final class Group {
        final String name;
        final long creationTime;
        Integer retentionInDays;
        final Map<String, String> tags = new TreeMap<>();
        final Map<String, Stream> streams = new TreeMap<>();

        Group(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }
    }

    static final class Stream {
        final String name;
        final long creationTime;
        final List<StoredLogEvent> events = new ArrayList<>();
        long storedBytes;
        Long firstEventTimestamp;
        Long lastEventTimestamp;
        Long lastIngestionTime;

        Stream(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }
    }

    private final Map<String, Group> groups = new TreeMap<>();

    synchronized void createGroup(String name, long now, Map<String, String> tags) {
        if (groups.containsKey(name)) {
            throw AwsError.alreadyExists("The specified log group already exists");
        }
        Group g = new Group(name, now);
        g.tags.putAll(tags);
        groups.put(name, g);
    }

    synchronized void createStream(String group, String name, long now) {
        Group g = group(group);
        if (g.streams.containsKey(name)) {
            throw AwsError.alreadyExists("The specified log stream already exists");
        }
        g.streams.put(name, new Stream(name, now));
    }

    synchronized void putRetention(String group, int days) {
        group(group).retentionInDays = days;
    }

    synchronized void tag(String group, Map<String, String> tags) {
        group(group).tags.putAll(tags);
    }

    /** The group's retention in days, or {@code null} when it keeps events forever; fails when it does not exist. */
    synchronized Integer retention(String group) {
        return group(group).retentionInDays;
    }

    synchronized void requireStream(String group, String stream) {
        stream(group, stream);
    }

    synchronized void append(String group, String stream, List<StoredLogEvent> accepted) {
        Stream s = stream(group, stream);
        for (StoredLogEvent e : accepted) {
            s.events.add(e);
            s.storedBytes += PutLogEventsRules.eventSize(e.message());
            s.firstEventTimestamp = s.firstEventTimestamp == null
                    ? e.timestamp() : Math.min(s.firstEventTimestamp, e.timestamp());
            s.lastEventTimestamp = s.lastEventTimestamp == null
                    ? e.timestamp() : Math.max(s.lastEventTimestamp, e.timestamp());
            s.lastIngestionTime = e.ingestionTime();
        }
    }

    /** Snapshot of one group's description fields: name, creation time, retention, stored bytes. */
    record GroupView(String name, long creationTime, Integer retentionInDays, long storedBytes,
            Map<String, String> tags) { }

    /** Snapshot of one stream's description fields. */
    record StreamView(String name, long creationTime, Long firstEventTimestamp, Long lastEventTimestamp,
            Long lastIngestionTime, long storedBytes) { }

    synchronized List<GroupView> groups() {
        List<GroupView> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            long bytes = 0;
            for (Stream s : g.streams.values()) {
                bytes += s.storedBytes;
            }
            out.add(new GroupView(g.name, g.creationTime, g.retentionInDays, bytes, Map.copyOf(g.tags)));
        }
        return out;
    }

    /** Group views by name, or {@code null} when the group does not exist (no error). */
    synchronized GroupView findGroup(String name) {
        for (GroupView v : groups()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    synchronized List<StreamView> streams(String group) {
        List<StreamView> out = new ArrayList<>();
        for (Stream s : group(group).streams.values()) {
            out.add(new StreamView(s.name, s.creationTime, s.firstEventTimestamp, s.lastEventTimestamp,
                    s.lastIngestionTime, s.storedBytes));
        }
        return out;
    }

    /** The events of a stream in the order they were accepted; fails when the group or stream does not exist. */
    synchronized List<StoredLogEvent> events(String group, String stream) {
        return List.copyOf(stream(group, stream).events);
    }

    /** Stream names by group, for read-back; a copy. */
    synchronized Map<String, List<String>> layout() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        groups.forEach((name, g) -> out.put(name, List.copyOf(g.streams.keySet())));
        return out;
    }

    synchronized int eventCount() {
        int n = 0;
        for (Group g : groups.values()) {
            for (Stream s : g.streams.values()) {
                n += s.events.size();
            }
        }
        return n;
    }

    private Group group(String name) {
        Group g = groups.get(name);
        if (g == null) {
            throw AwsError.notFound("The specified log group does not exist.");
        }
        return g;
    }

    private Stream stream(String group, String name) {
        Stream s = group(group).streams.get(name);
        if (s == null) {
            throw AwsError.notFound("The specified log stream does not exist.");
        }
        return s;
    }
}
