package dev.sluice.pipeline.sink;

/**
 * A throwable that stands for an error raised elsewhere and carried here as data: the
 * {@code error} of a record shipped from a file or from Kafka, a Python traceback. Its Java class
 * says nothing about the error; sinks that report an error's class (Bugsnag's
 * {@code errorClass}) use {@link #errorClass()} instead, and its stack trace holds the frames
 * parsed from the original text (a frame without a class has an empty class name).
 */
public interface ForeignError {

	/** {@return the error's own class or type name, such as {@code java.io.IOException} or {@code KeyError}} */
	String errorClass();
}
