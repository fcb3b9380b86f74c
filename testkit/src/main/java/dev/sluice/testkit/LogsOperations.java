package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The CloudWatch Logs operations of the stand-in, each taking the parsed request body and returning the response body
 * as the service does; failures are thrown as {@link AwsError}. Runs on Netty event loops: CPU work only.
 */
final class LogsOperations {

    static final ObjectMapper JSON = Json.MAPPER;
    static final String ACCOUNT_ID = "123456789012";

    static final Set<String> OPERATIONS = Set.of("CreateLogGroup", "CreateLogStream", "PutRetentionPolicy",
            "TagResource", "TagLogGroup", "DescribeLogGroups", "DescribeLogStreams", "PutLogEvents", "GetLogEvents");

    /** The retention values PutRetentionPolicy accepts. */
    static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");
    private static final Pattern GROUP_ARN = Pattern.compile("arn:aws[a-z-]*:logs:[a-z0-9-]+:\\d{12}:log-group:(.+)");
    private static final int MAX_NAME = 512;
    private static final int PAGE = 50;
    private static final int MAX_GET_EVENTS = 10_000;

    private final LogsStore store;
    private final Clock clock;
    private final Violations violations;
    private final AtomicLong sequence = new AtomicLong(49_000_000_000L);

    LogsOperations(LogsStore store, Clock clock, Violations violations) {
        this.store = store;
        this.clock = clock;
        this.violations = violations;
    }

    ObjectNode handle(String op, JsonNode in, String region) {
        switch (op) {
            case "CreateLogGroup":
                store.createGroup(groupName(op, in, "logGroupName"), clock.millis(), tags(op, in));
                return JSON.createObjectNode();
            case "CreateLogStream":
                store.createStream(groupName(op, in, "logGroupName"), streamName(op, in), clock.millis());
                return JSON.createObjectNode();
            case "PutRetentionPolicy":
                return putRetentionPolicy(op, in);
            case "TagLogGroup":
                store.tag(groupName(op, in, "logGroupName"), tags(op, in));
                return JSON.createObjectNode();
            case "TagResource":
                return tagResource(op, in);
            case "DescribeLogGroups":
                return describeLogGroups(in, region);
            case "DescribeLogStreams":
                return describeLogStreams(op, in, region);
            case "PutLogEvents":
                return putLogEvents(op, in);
            case "GetLogEvents":
                return getLogEvents(op, in);
            default:
                throw new AwsError("UnknownOperationException", 400, "Unknown operation " + op);
        }
    }

    private ObjectNode putRetentionPolicy(String op, JsonNode in) {
        String group = groupName(op, in, "logGroupName");
        JsonNode days = in.get("retentionInDays");
        if (days == null || !days.canConvertToInt() || !RETENTION_DAYS.contains(days.asInt())) {
            String detail = "retentionInDays " + days + " is not one of the allowed values " + RETENTION_DAYS;
            violations.add(op, "retention-days", detail);
            throw AwsError.invalidParameter(detail);
        }
        store.putRetention(group, days.asInt());
        return JSON.createObjectNode();
    }

    private ObjectNode tagResource(String op, JsonNode in) {
        String arn = required(op, in, "resourceArn");
        var m = GROUP_ARN.matcher(arn);
        if (!m.matches() || arn.endsWith(":*")) {
            String detail = "resourceArn " + arn + " is not a log group ARN without the trailing :*";
            violations.add(op, "resource-arn", detail);
            throw AwsError.invalidParameter(detail);
        }
        store.tag(m.group(1), tags(op, in));
        return JSON.createObjectNode();
    }

    private ObjectNode describeLogGroups(JsonNode in, String region) {
        String prefix = text(in, "logGroupNamePrefix");
        List<LogsStore.GroupView> all = new ArrayList<>();
        for (LogsStore.GroupView g : store.groups()) {
            if (prefix == null || g.name().startsWith(prefix)) {
                all.add(g);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("logGroups");
        int[] page = page("DescribeLogGroups", in, all.size(), PAGE);
        for (LogsStore.GroupView g : all.subList(page[0], page[1])) {
            String arn = groupArn(region, g.name());
            ObjectNode n = list.addObject();
            n.put("logGroupName", g.name());
            n.put("creationTime", g.creationTime());
            if (g.retentionInDays() != null) {
                n.put("retentionInDays", g.retentionInDays());
            }
            n.put("metricFilterCount", 0);
            n.put("arn", arn + ":*");
            n.put("storedBytes", g.storedBytes());
            n.put("logGroupClass", "STANDARD");
            n.put("logGroupArn", arn);
        }
        if (page[1] < all.size()) {
            out.put("nextToken", Integer.toString(page[1]));
        }
        return out;
    }

    private ObjectNode describeLogStreams(String op, JsonNode in, String region) {
        String group = text(in, "logGroupName") != null ? groupName(op, in, "logGroupName")
                : groupIdentifier(op, in);
        String prefix = text(in, "logStreamNamePrefix");
        String orderBy = text(in, "orderBy") == null ? "LogStreamName" : text(in, "orderBy");
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalid(op, "order-by", "orderBy must be LogStreamName or LastEventTime, was " + orderBy);
        }
        if (prefix != null && orderBy.equals("LastEventTime")) {
            throw invalid(op, "order-by", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogsStore.StreamView> all = new ArrayList<>();
        for (LogsStore.StreamView s : store.streams(group)) {
            if (prefix == null || s.name().startsWith(prefix)) {
                all.add(s);
            }
        }
        if (orderBy.equals("LastEventTime")) {
            all.sort(Comparator.comparing(s -> s.lastEventTimestamp() == null ? 0L : s.lastEventTimestamp()));
        }
        if (in.path("descending").asBoolean(false)) {
            java.util.Collections.reverse(all);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("logStreams");
        int[] page = page(op, in, all.size(), PAGE);
        for (LogsStore.StreamView s : all.subList(page[0], page[1])) {
            ObjectNode n = list.addObject();
            n.put("logStreamName", s.name());
            n.put("creationTime", s.creationTime());
            if (s.firstEventTimestamp() != null) {
                n.put("firstEventTimestamp", s.firstEventTimestamp());
                n.put("lastEventTimestamp", s.lastEventTimestamp());
                n.put("lastIngestionTime", s.lastIngestionTime());
            }
            n.put("arn", groupArn(region, group) + ":log-stream:" + s.name());
            n.put("storedBytes", s.storedBytes());
        }
        if (page[1] < all.size()) {
            out.put("nextToken", Integer.toString(page[1]));
        }
        return out;
    }

    private ObjectNode putLogEvents(String op, JsonNode in) {
        String group = groupName(op, in, "logGroupName");
        String stream = streamName(op, in);
        if (in.hasNonNull("sequenceToken")) {
            violations.add(op, "sequence-token", "a sequenceToken was sent; the service ignores it, send none");
        }
        JsonNode array = in.get("logEvents");
        if (array == null || !array.isArray()) {
            throw invalid(op, "missing-parameter", "logEvents must be a list of events");
        }
        List<PutLogEventsRules.InputEvent> events = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            JsonNode ts = e.get("timestamp");
            if (ts == null || !ts.canConvertToLong()) {
                throw invalid(op, "missing-parameter", "every log event needs a numeric timestamp, got " + ts);
            }
            JsonNode msg = e.get("message");
            events.add(new PutLogEventsRules.InputEvent(ts.asLong(), msg == null || msg.isNull() ? null : msg.asText()));
        }
        PutLogEventsRules.checkStructure(events, violations);
        Integer retention = store.retention(group);
        store.requireStream(group, stream);
        PutLogEventsRules.Outcome outcome = PutLogEventsRules.timeRules(events, clock.millis(), retention, violations);
        store.append(group, stream, outcome.accepted());
        ObjectNode out = JSON.createObjectNode();
        out.put("nextSequenceToken", String.format("%056d", sequence.incrementAndGet()));
        if (outcome.tooNewStart() != null || outcome.tooOldEnd() != null || outcome.expiredEnd() != null) {
            ObjectNode rejected = out.putObject("rejectedLogEventsInfo");
            if (outcome.tooNewStart() != null) {
                rejected.put("tooNewLogEventStartIndex", outcome.tooNewStart());
            }
            if (outcome.tooOldEnd() != null) {
                rejected.put("tooOldLogEventEndIndex", outcome.tooOldEnd());
            }
            if (outcome.expiredEnd() != null) {
                rejected.put("expiredLogEventEndIndex", outcome.expiredEnd());
            }
        }
        return out;
    }

    /**
     * GetLogEvents with the service's tokens: {@code f/<index>} reads forward from an index, {@code b/<index>}
     * backward before it; without a token it starts at the oldest event when {@code startFromHead} is true and
     * returns the newest events otherwise. At the end, the forward token repeats the one given (SDK paginators stop).
     */
    private ObjectNode getLogEvents(String op, JsonNode in) {
        String group = text(in, "logGroupName") != null ? groupName(op, in, "logGroupName")
                : groupIdentifier(op, in);
        String stream = streamName(op, in);
        long start = in.path("startTime").asLong(Long.MIN_VALUE);
        long end = in.path("endTime").asLong(Long.MAX_VALUE);
        int limit = in.path("limit").asInt(MAX_GET_EVENTS);
        if (limit < 1 || limit > MAX_GET_EVENTS) {
            throw invalid(op, "limit", "limit must be between 1 and " + MAX_GET_EVENTS + ", was " + limit);
        }
        List<StoredLogEvent> events = new ArrayList<>();
        for (StoredLogEvent e : store.events(group, stream)) {
            if (e.timestamp() >= start && e.timestamp() < end) {
                events.add(e);
            }
        }
        events.sort(Comparator.comparingLong(StoredLogEvent::timestamp));
        int n = events.size();
        String token = text(in, "nextToken");
        int from;
        int to;
        if (token == null) {
            boolean head = in.path("startFromHead").asBoolean(false);
            from = head ? 0 : Math.max(0, n - limit);
            to = head ? Math.min(n, limit) : n;
        } else {
            int index = tokenIndex(op, token, n);
            if (token.startsWith("f/")) {
                from = index;
                to = Math.min(n, index + limit);
            } else {
                from = Math.max(0, index - limit);
                to = index;
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (StoredLogEvent e : events.subList(from, to)) {
            ObjectNode node = list.addObject();
            node.put("timestamp", e.timestamp());
            node.put("message", e.message());
            node.put("ingestionTime", e.ingestionTime());
        }
        out.put("nextForwardToken", "f/" + to);
        out.put("nextBackwardToken", "b/" + from);
        return out;
    }

    private int tokenIndex(String op, String token, int n) {
        if ((token.startsWith("f/") || token.startsWith("b/")) && token.length() > 2) {
            try {
                int index = Integer.parseInt(token.substring(2));
                if (index >= 0 && index <= n) {
                    return index;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the service's answer for a bad token
            }
        }
        throw invalid(op, "next-token", "The specified nextToken is invalid: " + token);
    }

    private int[] page(String op, JsonNode in, int size, int max) {
        int limit = in.path("limit").asInt(max);
        if (limit < 1 || limit > max) {
            throw invalid(op, "limit", "limit must be between 1 and " + max + ", was " + limit);
        }
        String token = text(in, "nextToken");
        int from = 0;
        if (token != null) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw invalid(op, "next-token", "The specified nextToken is invalid: " + token);
            }
            if (from < 0 || from > size) {
                throw invalid(op, "next-token", "The specified nextToken is invalid: " + token);
            }
        }
        return new int[] {from, Math.min(size, from + limit)};
    }

    private String groupIdentifier(String op, JsonNode in) {
        String id = text(in, "logGroupIdentifier");
        if (id == null) {
            throw invalid(op, "missing-parameter", "logGroupName or logGroupIdentifier is required");
        }
        var m = GROUP_ARN.matcher(id);
        return m.matches() ? m.group(1) : id;
    }

    private String groupName(String op, JsonNode in, String field) {
        String name = required(op, in, field);
        if (name.isEmpty() || name.length() > MAX_NAME || !GROUP_NAME.matcher(name).matches()) {
            throw invalid(op, "log-group-name", "1 validation error detected: Value '" + name + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [\\.\\-_/#A-Za-z0-9]+ and have length 1 to 512");
        }
        return name;
    }

    private String streamName(String op, JsonNode in) {
        String name = required(op, in, "logStreamName");
        if (name.isEmpty() || name.length() > MAX_NAME || !STREAM_NAME.matcher(name).matches()) {
            throw invalid(op, "log-stream-name", "1 validation error detected: Value '" + name
                    + "' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: [^:*]* and have length 1 to 512");
        }
        return name;
    }

    private Map<String, String> tags(String op, JsonNode in) {
        JsonNode tags = in.get("tags");
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isObject()) {
            throw invalid(op, "tags", "tags must be a map of strings, was " + tags);
        }
        for (Map.Entry<String, JsonNode> e : tags.properties()) {
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private String required(String op, JsonNode in, String field) {
        String value = text(in, field);
        if (value == null) {
            throw invalid(op, "missing-parameter", "1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private AwsError invalid(String op, String rule, String detail) {
        violations.add(op, rule, detail);
        return AwsError.invalidParameter(detail);
    }

    static String groupArn(String region, String group) {
        return "arn:aws:logs:" + region + ":" + ACCOUNT_ID + ":log-group:" + group;
    }
}
