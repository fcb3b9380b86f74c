package dev.sluice.events.viewer;

/** A query parameter the API cannot use; answered with 400 and a message naming it. */
final class BadParameterException extends RuntimeException {

	BadParameterException(String parameter, String problem) {
		super("parameter '" + parameter + "': " + problem, null, false, false);
	}
}
