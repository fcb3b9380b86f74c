package dev.sluice.spring;

import org.springframework.util.ClassUtils;

import dev.sluice.context.Attributes;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import reactor.util.context.ContextView;

/**
 * The trace and span ids of the request's server observation, when Micrometer Tracing is on the
 * class path and a tracer bridge made a span for it (sampled or not, as in Boot's log correlation). Spring Framework's HTTP handler puts the
 * request's observation into the Reactor Context under {@link ObservationThreadLocalAccessor#KEY};
 * the tracing handler keeps its span in the observation's context. Reading them needs no
 * thread-local and never blocks.
 */
final class TraceIds {

	/** Record attribute names, as Boot's own correlation ids call them. */
	static final String TRACE_ID = "traceId";
	static final String SPAN_ID = "spanId";

	static final boolean PRESENT = ClassUtils.isPresent("io.micrometer.tracing.handler.TracingObservationHandler",
			TraceIds.class.getClassLoader());

	private TraceIds() {
	}

	/** {@code attrs} with traceId and spanId added when the context holds a traced observation. */
	static Attributes add(Attributes attrs, ContextView context) {
		if (!PRESENT) {
			return attrs;
		}
		return Traced.add(attrs, context);
	}

	/** Touches Micrometer Tracing's types only when they are present. */
	private static final class Traced {

		static Attributes add(Attributes attrs, ContextView context) {
			Object o = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (!(o instanceof Observation)) {
				return attrs;
			}
			TracingObservationHandler.TracingContext tracing = ((Observation) o).getContextView()
					.get(TracingObservationHandler.TracingContext.class);
			Span span = tracing == null ? null : tracing.getSpan();
			TraceContext tc = span == null ? null : span.context();
			// an unsampled span still has ids (Boot's log correlation shows them too); a no-op
			// tracer's have none
			if (tc == null || tc.traceId() == null || tc.traceId().isEmpty()) {
				return attrs;
			}
			return attrs.with(TRACE_ID, tc.traceId()).with(SPAN_ID, tc.spanId());
		}
	}
}
