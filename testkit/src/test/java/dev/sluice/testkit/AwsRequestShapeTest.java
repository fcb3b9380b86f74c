package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests that are not what the AWS SDK sends: each is answered as the service would and recorded. */
class AwsRequestShapeTest {

    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/eu-west-1/logs/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "ab12".repeat(16);

    CloudWatchLogsStandIn standIn;

    @BeforeEach
    void start() {
        standIn = CloudWatchLogsStandIn.start(ManualClock.at(Instant.parse("2026-03-01T12:00:00Z")));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    Http.Response call(String target, String contentType, String authorization, String date, String body) {
        return Http.post(standIn.endpoint() + "/", h -> {
            if (target != null) {
                h.set("X-Amz-Target", target);
            }
            if (contentType != null) {
                h.set("Content-Type", contentType);
            }
            if (authorization != null) {
                h.set("Authorization", authorization);
            }
            if (date != null) {
                h.set("X-Amz-Date", date);
            }
        }, body);
    }

    List<String> rules() {
        return standIn.violations().stream().map(Violation::rule).toList();
    }

    @Test
    void acceptsAWellShapedHandMadeRequest() {
        Http.Response r = call("Logs_20140328.CreateLogGroup", "application/x-amz-json-1.1", AUTH, "20260301T120000Z",
                "{\"logGroupName\":\"g\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(r.headers().get("x-amzn-RequestId")).isNotBlank();
        assertThat(standIn.logGroups()).containsExactly("g");
        assertThat(standIn.violations()).isEmpty();
    }

    @Test
    void answersMissingAuthenticationToken() {
        Http.Response r = call("Logs_20140328.CreateLogGroup", "application/x-amz-json-1.1", null, "20260301T120000Z",
                "{\"logGroupName\":\"g\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"");
        assertThat(rules()).containsExactly("sigv4");
        assertThat(standIn.logGroups()).isEmpty();
    }

    @Test
    void answersAMalformedSignatureAndNeverPrintsIt() {
        String bad = AUTH.replace("Signature=" + "ab12".repeat(16), "Signature=" + "secret-ish");
        Http.Response r = call("Logs_20140328.CreateLogGroup", "application/x-amz-json-1.1", bad, "20260301T120000Z",
                "{\"logGroupName\":\"g\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("IncompleteSignatureException");
        assertThat(standIn.violations()).singleElement()
                .satisfies(v -> assertThat(v.detail()).doesNotContain("secret-ish").contains("<redacted>"));
    }

    @Test
    void checksTheScopeServiceAndDate() {
        call("Logs_20140328.CreateLogGroup", "application/x-amz-json-1.1", AUTH.replace("/logs/", "/s3/"),
                "20260301T120000Z", "{\"logGroupName\":\"g\"}");
        call("Logs_20140328.CreateLogGroup", "application/x-amz-json-1.1", AUTH, "20260302T000000Z",
                "{\"logGroupName\":\"g\"}");
        call("Logs_20140328.CreateLogGroup", "application/x-amz-json-1.1", AUTH, null, "{\"logGroupName\":\"g\"}");
        assertThat(rules()).containsExactly("sigv4", "sigv4", "sigv4");
        assertThat(standIn.logGroups()).isEmpty();
    }

    @Test
    void recordsAWrongContentTypeAndAnUnknownTarget() {
        Http.Response wrongType = call("Logs_20140328.CreateLogGroup", "application/json", AUTH, "20260301T120000Z",
                "{\"logGroupName\":\"g\"}");
        Http.Response unknown = call("Logs_20140328.DeleteLogGroup", "application/x-amz-json-1.1", AUTH,
                "20260301T120000Z", "{\"logGroupName\":\"g\"}");
        Http.Response noTarget = call(null, "application/x-amz-json-1.1", AUTH, "20260301T120000Z", "{}");
        Http.Response notJson = call("Logs_20140328.CreateLogGroup", "application/x-amz-json-1.1", AUTH,
                "20260301T120000Z", "logGroupName=g");

        assertThat(wrongType.status()).isEqualTo(200);
        assertThat(unknown.body()).contains("UnknownOperationException");
        assertThat(noTarget.body()).contains("UnknownOperationException");
        assertThat(notJson.body()).contains("SerializationException");
        // Without X-Amz-Target, the signed header list names a header the request lacks: sigv4 as well.
        assertThat(rules()).containsExactly("content-type", "unsupported-operation", "sigv4", "target", "json");
        assertThat(standIn.calls("(none)")).isEqualTo(1);
    }
}
