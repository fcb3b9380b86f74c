/**
 * File sinks: Python's {@code logging.FileHandler}, {@code logging.handlers.RotatingFileHandler}
 * and {@code logging.handlers.TimedRotatingFileHandler}, with gzip compression of rotated files,
 * a total size cap and optional fsync. The only public type is
 * {@link dev.sluice.sinks.file.FileSinkProvider}, found through {@link java.util.ServiceLoader};
 * its Javadoc lists the options.
 */
package dev.sluice.sinks.file;
