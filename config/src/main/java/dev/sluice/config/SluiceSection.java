package dev.sluice.config;

import dev.sluice.pipeline.IngressFullPolicy;

/**
 * The dictConfig file's own {@code sluice} section: settings of the pipeline itself, which
 * Python's {@code dictConfig} ignores (it ignores unknown top-level keys), so the file stays valid
 * for CPython.
 *
 * <pre>{@code
 * "sluice": {"ingress_capacity": 262144, "ingress_full": "wait", "ingress_wait": 5}
 * }</pre>
 *
 * @param ingressCapacity   the ingress queue's capacity, or null for the pipeline's default; read
 *                          when the pipeline starts (a reload that changes it is reported and
 *                          takes effect at the next start)
 * @param ingressFullPolicy what a call does when the ingress is full, or null to keep the
 *                          pipeline's; applied by every reload
 */
public record SluiceSection(Integer ingressCapacity, IngressFullPolicy ingressFullPolicy) {

	/** No {@code sluice} section. */
	public static final SluiceSection NONE = new SluiceSection(null, null);

	/** The largest ingress capacity a configuration may ask for (2^24 records). */
	public static final int MAX_INGRESS_CAPACITY = 1 << 24;
}
