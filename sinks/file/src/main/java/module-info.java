/** Python's FileHandler, WatchedFileHandler, RotatingFileHandler and TimedRotatingFileHandler. */
module dev.sluice.sinks.file {
	requires dev.sluice.pipeline;

	exports dev.sluice.sinks.file;

	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.sinks.file.FileSinkProvider;
}
