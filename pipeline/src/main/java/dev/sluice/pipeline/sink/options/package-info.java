/**
 * Reading a handler's options as every Sluice sink does: {@link dev.sluice.pipeline.sink.options.SinkOptions}
 * gives typed values with defaults and collects every problem (unknown key with a suggestion, wrong
 * type, value out of range) with the config pointer it came from; a provider then throws them all
 * at once as an {@link dev.sluice.pipeline.sink.options.InvalidConfigException}. Values that look
 * like credentials are {@link dev.sluice.pipeline.sink.options.Secret}s, which never print their value.
 */
package dev.sluice.pipeline.sink.options;
