/**
 * The Bugsnag sink: handled and unhandled errors reported to Bugsnag's Error Reporting API
 * (payload version 5), for handlers of class {@code bugsnag.handlers.BugsnagHandler},
 * {@code bugsnag} or {@code sluice.bugsnag}.
 *
 * <pre>{@code
 * "bugsnag": {
 *   "class": "bugsnag.handlers.BugsnagHandler",
 *   "api_key": "${env:BUGSNAG_API_KEY}", "release_stage": "production",
 *   "project_packages": ["com.example"], "extra_fields": {"organization": ["organization_id"]},
 *   "auto_notify": true, "fallback": "error_file_handler"
 * }
 * }</pre>
 *
 * <h2>Events</h2>
 * A record at or above the handler's {@code level} (ERROR when the handler has none, as Python's
 * BugsnagHandler; {@code notify_level} overrides it) becomes an event: its throwable and causes
 * with their frames ({@code inProject} for {@code project_packages}), severity as bugsnag-python
 * maps levels, {@code context} from the {@code EntryPoint} attribute, {@code user} from
 * {@code User}, {@code app}, {@code device}, and metaData tabs for the record's attributes and
 * {@code extra_fields}. Keys containing a {@code redacted_keys} entry, in any case, show
 * {@code [REDACTED]} in metaData and breadcrumbs. A payload over 1 MB is trimmed (breadcrumbs,
 * then metaData, then stack frames), never rejected.
 *
 * <h2>Breadcrumbs: the unit of work, from Reactor Context</h2>
 * A unit of work is a Reactor chain, run by whichever threads, and marked in its Context with
 * {@code contextWrite(StandardKeys.operationId(id))}; every record logged in the chain carries
 * that {@code OperationId}. Records below the event level and at or above
 * {@code breadcrumb_log_level} (INFO) are kept as the breadcrumbs of their OperationId, the last
 * {@code max_breadcrumbs} (25) of each; an event gets those of its own OperationId, so concurrent
 * units never see each other's. No thread-local is involved. Those lower records reach the sink
 * although the handler's level is above them: the provider has the pipeline route records from
 * the breadcrumb level ({@link dev.sluice.sinks.bugsnag.BugsnagSinkProvider#routingLevel}), as
 * bugsnag-python's {@code leave_breadcrumbs} filter sees records below the handler's level.
 * Records without an OperationId (logged outside any unit of work) leave no breadcrumbs, and an
 * event without one has none: a trail shared by every such record would mix unrelated work.
 * A reload that changes the handler's level makes a new sink (its trails start empty); an
 * incremental config cannot change it.
 *
 * <h2>Unhandled errors</h2>
 * With {@code auto_notify: true} the sink installs {@link dev.sluice.sinks.bugsnag.BugsnagHooks}
 * (Reactor's {@code onErrorDropped} and the default uncaught-exception handler) while it runs;
 * their errors are reported with {@code unhandled: true}, and the previous handlers still run.
 *
 * <h2>Delivery</h2>
 * One event per request through the delivery engine: 408, 429 (honouring {@code Retry-After}),
 * 5xx and connection errors are retried with backoff; 400, 401, 413 are permanent and reported
 * once; what is given up goes to the {@code fallback} handler or is counted as dropped. Nothing
 * blocks; the API key is never printed.
 */
package dev.sluice.sinks.bugsnag;
