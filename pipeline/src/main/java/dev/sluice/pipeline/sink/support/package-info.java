/**
 * Helpers for sink authors: {@link dev.sluice.pipeline.sink.support.TextEncoder} encodes formatted
 * lines through reused buffers (no garbage per record), {@link dev.sluice.pipeline.sink.support.RecentIds}
 * remembers the ids of recently stored records so that a sink fed at least once stores each once.
 */
package dev.sluice.pipeline.sink.support;
