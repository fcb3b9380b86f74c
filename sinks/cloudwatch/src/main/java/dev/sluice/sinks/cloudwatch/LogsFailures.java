package dev.sluice.sinks.cloudwatch;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import dev.sluice.sinks.delivery.Failure;
import dev.sluice.sinks.delivery.FailureClassifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * CloudWatch Logs' failures as the delivery engine treats them: throttling, unavailability, 429,
 * 5xx and connection errors are transient; bad credentials and missing permissions are permanent
 * and say what to fix; {@code InvalidParameterException} is permanent and called a Sluice bug
 * (the sink keeps every documented rule, so the service should never see an invalid request).
 * Stateless; thread-safe.
 */
final class LogsFailures implements FailureClassifier {

	private static final Set<String> TRANSIENT = Set.of("ThrottlingException", "ServiceUnavailableException",
			"ServiceUnavailable", "Throttling", "RequestLimitExceeded", "TooManyRequestsException",
			"RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalServerError",
			"OperationAbortedException");
	private static final Set<String> AUTH = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
			"InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
			"ExpiredTokenException", "ExpiredToken", "RequestExpired");
	private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
			"UnauthorizedOperation", "NotAuthorized");

	private final String group;

	LogsFailures(String group) {
		this.group = group;
	}

	@Override
	public Failure classify(Throwable error) {
		if (error instanceof AwsServiceException) {
			return service((AwsServiceException) error);
		}
		if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
			return Failure.outcomeUnknown("timeout");
		}
		if (error instanceof SdkClientException) {
			String m = String.valueOf(error.getMessage());
			if (m.contains("credentials")) {
				return Failure.permanent("no_credentials", "no AWS credentials were found (" + firstLine(m)
						+ "); provide them through the default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,"
						+ " ~/.aws/credentials (or boto3_profile_name), or an instance/container role");
			}
			return Failure.transientFailure("connection_error");
		}
		return null; // the engine's default: I/O errors and timeouts transient, the rest permanent
	}

	private Failure service(AwsServiceException e) {
		String code = e.awsErrorDetails() != null ? String.valueOf(e.awsErrorDetails().errorCode()) : "";
		int status = e.statusCode();
		if (code.contains("Throttl") || code.equals("RequestLimitExceeded") || code.equals("TooManyRequestsException")
				|| status == 429) {
			return Failure.throttled("throttled", retryAfter(e));
		}
		if (TRANSIENT.contains(code) || status >= 500) {
			return Failure.transientFailure("unavailable", retryAfter(e));
		}
		if (AUTH.contains(code)) {
			return Failure.permanent("unrecognized_client", "CloudWatch Logs did not accept the credentials (" + code
					+ "): check that the access key exists and is active, that the secret matches it, that a"
					+ " session token has not expired, and that the clock is right");
		}
		if (DENIED.contains(code) || status == 403) {
			return Failure.permanent("access_denied", "CloudWatch Logs denied access (" + code + "): grant the"
					+ " credentials' identity logs:PutLogEvents, logs:CreateLogStream and logs:CreateLogGroup"
					+ " (and logs:PutRetentionPolicy, logs:TagResource when used) on log group '" + group + "'");
		}
		if ("InvalidParameterException".equals(code)) {
			return Failure.permanent("invalid_parameter", "BUG in Sluice: CloudWatch Logs rejected a request as"
					+ " invalid (InvalidParameterException: " + firstLine(e.awsErrorDetails().errorMessage())
					+ "); please report it with this line");
		}
		if ("ResourceNotFoundException".equals(code)) {
			return Failure.permanent("resource_not_found", "log group '" + group + "' or its stream does not exist and"
					+ " this handler may not create it (create_log_group / create_log_stream are false): create it"
					+ " or allow the handler to");
		}
		return Failure.permanent("rejected", "CloudWatch Logs rejected the request (" + code + ", HTTP " + status
				+ ": " + firstLine(e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage())
				+ ")");
	}

	private static Duration retryAfter(AwsServiceException e) {
		if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
			return null;
		}
		Optional<String> h = e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After");
		if (h.isEmpty()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(h.get().trim());
			return seconds >= 0 ? Duration.ofSeconds(Math.min(seconds, 3600)) : null;
		}
		catch (NumberFormatException ignored) {
			return null; // an HTTP date: the backoff is good enough
		}
	}

	private static String firstLine(String s) {
		if (s == null) {
			return "";
		}
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}
}
