package dev.sluice.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every awsJson1.1 CloudWatch Logs request must pass before its operation runs: method, path, content type,
 * target and the shape of the SigV4 {@code Authorization} header (the signature itself is not verified: the stand-in
 * has no secret key, and the SDK's signer is not what these tests are about).
 */
final class AwsRequestShape {

    static final String TARGET_PREFIX = "Logs_20140328.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
    private static final Pattern AMZ_DATE = Pattern.compile("(\\d{8})T\\d{6}Z");

    /** The outcome: the operation name (or null), the region of the credential scope, and an error to answer. */
    record Checked(String operation, String region, AwsError error) { }

    private AwsRequestShape() {
    }

    static Checked check(Received req, Violations violations) {
        String target = req.header("X-Amz-Target");
        String op = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length())
                : null;
        String where = op == null ? "(no operation)" : op;
        if (!"POST".equals(req.method())) {
            violations.add(where, "http-method", "awsJson1.1 requests are POST, this one was " + req.method());
        }
        if (!"/".equals(req.path())) {
            violations.add(where, "path", "awsJson1.1 requests go to /, this one went to " + req.path());
        }
        String contentType = req.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE)) {
            violations.add(where, "content-type", "Content-Type must be " + CONTENT_TYPE + ", was " + contentType);
        }
        String region = "us-east-1";
        String authorization = req.header("Authorization");
        if (authorization == null) {
            violations.add(where, "sigv4", "no Authorization header");
            return new Checked(op, region, new AwsError("MissingAuthenticationTokenException", 400,
                    "Missing Authentication Token"));
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            violations.add(where, "sigv4", "Authorization is not 'AWS4-HMAC-SHA256 Credential=<key>/<yyyyMMdd>/"
                    + "<region>/logs/aws4_request, SignedHeaders=<list>, Signature=<64 hex>': " + redact(authorization));
            return new Checked(op, region, new AwsError("IncompleteSignatureException", 400,
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."));
        }
        region = m.group(3);
        AwsError error = checkScope(req, m, where, violations);
        if (error != null) {
            return new Checked(op, region, error);
        }
        if (op == null) {
            violations.add(where, "target", "X-Amz-Target must be " + TARGET_PREFIX + "<Operation>, was " + target);
            return new Checked(null, region, new AwsError("UnknownOperationException", 400, null));
        }
        if (!LogsOperations.OPERATIONS.contains(op)) {
            violations.add(op, "unsupported-operation", "the stand-in does not implement " + op
                    + "; it implements " + LogsOperations.OPERATIONS);
            return new Checked(op, region, new AwsError("UnknownOperationException", 400, null));
        }
        return new Checked(op, region, null);
    }

    private static AwsError checkScope(Received req, Matcher m, String where, Violations violations) {
        if (!"logs".equals(m.group(4))) {
            violations.add(where, "sigv4", "the credential scope names service '" + m.group(4) + "', not 'logs'");
            return new AwsError("InvalidSignatureException", 400, "Credential should be scoped to correct service: "
                    + "'logs'.");
        }
        String amzDate = req.header("X-Amz-Date");
        Matcher d = amzDate == null ? null : AMZ_DATE.matcher(amzDate);
        if (d == null || !d.matches()) {
            violations.add(where, "sigv4", "X-Amz-Date must be yyyyMMdd'T'HHmmss'Z', was " + amzDate);
            return new AwsError("IncompleteSignatureException", 400, "Authorization header requires existence of"
                    + " either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!d.group(1).equals(m.group(2))) {
            violations.add(where, "sigv4", "the credential scope date " + m.group(2) + " is not the date of X-Amz-Date "
                    + amzDate);
            return new AwsError("InvalidSignatureException", 400, "Date in Credential scope does not match YYYYMMDD"
                    + " from ISO-8601 version of date from HTTP.");
        }
        List<String> signed = Arrays.asList(m.group(5).split(";"));
        for (String required : List.of("host", "x-amz-date")) {
            if (!signed.contains(required)) {
                violations.add(where, "sigv4", "SignedHeaders must include " + required + ": " + m.group(5));
            }
        }
        for (String name : signed) {
            if (!req.headers().contains(name)) {
                violations.add(where, "sigv4", "SignedHeaders lists " + name + ", which the request does not carry");
            }
        }
        return null;
    }

    /** The header without its signature, so that test output never carries a credential-derived value. */
    private static String redact(String authorization) {
        int s = authorization.indexOf("Signature=");
        return s < 0 ? authorization : authorization.substring(0, s) + "Signature=<redacted>";
    }
}
