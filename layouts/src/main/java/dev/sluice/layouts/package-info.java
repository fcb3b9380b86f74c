/**
 * Layouts that turn records into text.
 *
 * <ul>
 * <li>{@link dev.sluice.layouts.PythonFormatter}: Python's {@code logging.Formatter}, byte
 * for byte, in the three styles, built from a dictConfig formatter entry's keys;</li>
 * <li>{@link dev.sluice.layouts.EcsJsonLayout}: JSON lines in the Elastic Common Schema;</li>
 * <li>{@link dev.sluice.layouts.PlainJsonLayout}: the message and the extra fields as a
 * JSON object, the form a CloudWatch transactional log wants.</li>
 * </ul>
 *
 * All are immutable and thread-safe, compiled once and appended into the sink's buffer.
 * {@link dev.sluice.layouts.ProcessStart} is the instant {@code relativeCreated} counts from.
 */
package dev.sluice.layouts;
