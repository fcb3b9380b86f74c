package dev.sluice.testkit;

/**
 * An awsJson1.1 error answer, thrown inside the CloudWatch Logs stand-in and turned into
 * {@code {"__type": type, "message": message}} with the given HTTP status.
 */
final class AwsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String type;
    final int status;

    AwsError(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    static AwsError invalidParameter(String message) {
        return new AwsError("InvalidParameterException", 400, message);
    }

    static AwsError notFound(String message) {
        return new AwsError("ResourceNotFoundException", 400, message);
    }

    static AwsError alreadyExists(String message) {
        return new AwsError("ResourceAlreadyExistsException", 400, message);
    }
}
