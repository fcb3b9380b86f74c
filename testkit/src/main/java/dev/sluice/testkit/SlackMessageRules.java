package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Slack's limits on one message, and Sluice's stricter ones, checked as the stand-in receives it.
 *
 * <p>Hard limits answer Slack's error code: {@code msg_too_long} (text over 40,000 characters),
 * {@code invalid_blocks} (over 50 blocks, section text over 3,000 characters, over 10 fields or a field over 2,000,
 * header text over 150), {@code too_many_attachments} (over 100) and {@code no_text} (no text, blocks nor
 * attachments). Soft rules are recorded but the message is accepted: text over 4,000 characters (Sluice's own limit;
 * Slack advises it), unescaped {@code &}, {@code <} or {@code >} outside Slack's control sequences, and attachment
 * colours other than good, warning, danger or a hex colour. Lengths count Unicode code points.
 */
final class SlackMessageRules {

    static final int MAX_TEXT = 40_000;
    static final int SLUICE_MAX_TEXT = 4_000;
    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3_000;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2_000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_ATTACHMENTS = 100;

    private static final Set<String> NAMED_COLOURS = Set.of("good", "warning", "danger");
    private static final Pattern HEX_COLOUR = Pattern.compile("#?[0-9A-Fa-f]{6}");
    /** Slack's control sequences: mentions, channels, special mentions, dates and links. */
    private static final Pattern CONTROL = Pattern.compile(
            "<(?:[@#][A-Z0-9]+(?:\\|[^<>]*)?|![a-z^0-9_-]+(?:\\^[^<>|]*)*(?:\\|[^<>]*)?"
                    + "|(?:https?://|mailto:)[^<>\\s|]+(?:\\|[^<>]*)?)>");
    private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt);");

    private SlackMessageRules() {
    }

    /**
     * Checks a message body, recording every rule broken.
     *
     * @return Slack's error code for the first hard limit broken, or {@code null} when the message is accepted
     */
    static String check(String where, JsonNode msg, Violations violations) {
        List<String> errors = new ArrayList<>();
        JsonNode text = msg.get("text");
        boolean hasText = text != null && text.isTextual() && !text.asText().isEmpty();
        if (hasText) {
            int length = codePoints(text.asText());
            if (length > MAX_TEXT) {
                hard(errors, violations, where, "msg_too_long", "text-length", "text has " + length
                        + " characters; Slack rejects more than " + MAX_TEXT);
            } else if (length > SLUICE_MAX_TEXT) {
                violations.add(where, "sluice-text-length", "text has " + length + " characters; Sluice sends at"
                        + " most " + SLUICE_MAX_TEXT + " per message (Slack truncates long messages)");
            }
            checkEscaping(where, "text", text.asText(), violations);
        }
        JsonNode blocks = msg.get("blocks");
        boolean hasBlocks = blocks != null && blocks.isArray() && blocks.size() > 0;
        if (blocks != null) {
            checkBlocks(where, "blocks", blocks, errors, violations);
        }
        JsonNode attachments = msg.get("attachments");
        boolean hasAttachments = attachments != null && attachments.isArray() && attachments.size() > 0;
        if (attachments != null) {
            checkAttachments(where, attachments, errors, violations);
        }
        if (!hasText && !hasBlocks && !hasAttachments) {
            hard(errors, violations, where, "no_text", "no-text", "the message has no text, blocks or attachments");
        }
        return errors.isEmpty() ? null : errors.get(0);
    }

    private static void checkAttachments(String where, JsonNode attachments, List<String> errors,
            Violations violations) {
        if (!attachments.isArray()) {
            hard(errors, violations, where, "invalid_attachments", "attachments", "attachments must be an array");
            return;
        }
        if (attachments.size() > MAX_ATTACHMENTS) {
            hard(errors, violations, where, "too_many_attachments", "attachments-count", attachments.size()
                    + " attachments; Slack allows at most " + MAX_ATTACHMENTS);
        }
        for (int i = 0; i < attachments.size(); i++) {
            JsonNode a = attachments.get(i);
            JsonNode colour = a.get("color");
            if (colour != null && !NAMED_COLOURS.contains(colour.asText())
                    && !HEX_COLOUR.matcher(colour.asText()).matches()) {
                violations.add(where, "attachment-color", "attachments[" + i + "].color '" + colour.asText()
                        + "' is not good, warning, danger or a hex colour");
            }
            if (a.hasNonNull("text")) {
                checkEscaping(where, "attachments[" + i + "].text", a.get("text").asText(), violations);
            }
            if (a.has("blocks")) {
                checkBlocks(where, "attachments[" + i + "].blocks", a.get("blocks"), errors, violations);
            }
        }
    }

    private static void checkBlocks(String where, String path, JsonNode blocks, List<String> errors,
            Violations violations) {
        if (!blocks.isArray()) {
            hard(errors, violations, where, "invalid_blocks", "blocks", path + " must be an array");
            return;
        }
        if (blocks.size() > MAX_BLOCKS) {
            hard(errors, violations, where, "invalid_blocks", "blocks-count", path + " has " + blocks.size()
                    + " blocks; Slack allows at most " + MAX_BLOCKS);
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String at = path + "[" + i + "]";
            String type = block.path("type").asText("");
            switch (type) {
                case "section":
                    checkSection(where, at, block, errors, violations);
                    break;
                case "header":
                    checkText(where, at + ".text", block.get("text"), MAX_HEADER_TEXT, "header-text", errors,
                            violations);
                    break;
                case "context":
                case "divider":
                case "actions":
                case "image":
                case "rich_text":
                case "input":
                case "file":
                case "video":
                case "markdown":
                    break;
                default:
                    hard(errors, violations, where, "invalid_blocks", "block-type", at + " has no known type: '"
                            + type + "'");
            }
        }
    }

    private static void checkSection(String where, String at, JsonNode block, List<String> errors,
            Violations violations) {
        JsonNode text = block.get("text");
        JsonNode fields = block.get("fields");
        if (text == null && fields == null) {
            hard(errors, violations, where, "invalid_blocks", "section", at + " has neither text nor fields");
        }
        if (text != null) {
            checkText(where, at + ".text", text, MAX_SECTION_TEXT, "section-text", errors, violations);
        }
        if (fields != null) {
            if (fields.size() > MAX_FIELDS) {
                hard(errors, violations, where, "invalid_blocks", "fields-count", at + ".fields has "
                        + fields.size() + " fields; Slack allows at most " + MAX_FIELDS);
            }
            for (int f = 0; f < fields.size(); f++) {
                checkText(where, at + ".fields[" + f + "]", fields.get(f), MAX_FIELD_TEXT, "field-text", errors,
                        violations);
            }
        }
    }

    private static void checkText(String where, String at, JsonNode textObject, int max, String rule,
            List<String> errors, Violations violations) {
        if (textObject == null || !textObject.isObject() || !textObject.path("text").isTextual()) {
            hard(errors, violations, where, "invalid_blocks", rule, at + " must be a text object"
                    + " {\"type\": \"mrkdwn\" or \"plain_text\", \"text\": ...}");
            return;
        }
        String type = textObject.path("type").asText("");
        if (!type.equals("mrkdwn") && !type.equals("plain_text")) {
            hard(errors, violations, where, "invalid_blocks", rule, at + ".type must be mrkdwn or plain_text, was '"
                    + type + "'");
        }
        String value = textObject.get("text").asText();
        int length = codePoints(value);
        if (length > max) {
            hard(errors, violations, where, "invalid_blocks", rule, at + " has " + length
                    + " characters; Slack allows at most " + max);
        }
        if (type.equals("mrkdwn")) {
            checkEscaping(where, at, value, violations);
        }
    }

    /**
     * Records a violation for {@code &}, {@code <} or {@code >} that Slack would read as markup: Slack requires
     * {@code &amp;}, {@code &lt;} and {@code &gt;} outside its control sequences ({@code <@U123>}, {@code <!here>},
     * {@code <https://x|label>}). A {@code >} opening a line is a quote in mrkdwn and allowed.
     */
    static void checkEscaping(String where, String field, String text, Violations violations) {
        String rest = CONTROL.matcher(text).replaceAll("");
        rest = ENTITY.matcher(rest).replaceAll("");
        StringBuilder problems = new StringBuilder();
        if (rest.indexOf('&') >= 0) {
            problems.append(" '&'");
        }
        if (rest.indexOf('<') >= 0) {
            problems.append(" '<'");
        }
        String[] lines = rest.split("\n", -1);
        for (String line : lines) {
            if (line.indexOf('>', line.startsWith(">") ? 1 : 0) >= 0) {
                problems.append(" '>'");
                break;
            }
        }
        if (problems.length() > 0) {
            violations.add(where, "unescaped", field + " has unescaped" + problems
                    + "; escape them as &amp; &lt; &gt; outside Slack's <...> control sequences");
        }
    }

    private static void hard(List<String> errors, Violations violations, String where, String error, String rule,
            String detail) {
        violations.add(where, rule, detail + " (answered " + error + ")");
        errors.add(error);
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
