package dev.sluice.spring;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.sluice.pipeline.Sluice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Shows the pipeline's meters ({@code sluice.ingress.*}, {@code sluice.sink.*}) in the
 * application's {@link MeterRegistry}.
 *
 * <p>The global pipeline is built before Spring (the first SLF4J call makes it) and registers its
 * meters in its own registry. This binder mirrors each of them into the application's registry as
 * a function meter reading the original: gauges as gauges, counters as function counters, timers
 * as function timers (count and total time; percentiles stay in the pipeline's registry). Meters
 * the pipeline adds later (a new sink, a new drop reason) are mirrored as they appear. A meter the
 * target already has under the same name with another type is skipped and reported once.
 *
 * <p>Thread-safe; registration of a late meter runs on the thread that made it in the pipeline.
 */
public final class SluiceMeterBinder implements MeterBinder {

	private final Sluice sluice;

	public SluiceMeterBinder(Sluice sluice) {
		this.sluice = Objects.requireNonNull(sluice, "sluice");
	}

	@Override
	public void bindTo(MeterRegistry target) {
		MeterRegistry source = sluice.environment().meterRegistry();
		if (source == target) {
			return;
		}
		// Listen first, then copy: a meter added in between is mirrored twice, which registering
		// the same id again makes harmless.
		source.config().onMeterAdded(m -> mirror(m, target));
		source.forEachMeter(m -> mirror(m, target));
	}

	private void mirror(Meter meter, MeterRegistry target) {
		Meter.Id id = meter.getId();
		try {
			if (meter instanceof Gauge) {
				Gauge.builder(id.getName(), (Gauge) meter, Gauge::value).tags(id.getTags())
						.description(id.getDescription()).baseUnit(id.getBaseUnit()).register(target);
			}
			else if (meter instanceof FunctionCounter) {
				FunctionCounter.builder(id.getName(), (FunctionCounter) meter, FunctionCounter::count)
						.tags(id.getTags()).description(id.getDescription()).baseUnit(id.getBaseUnit())
						.register(target);
			}
			else if (meter instanceof Counter) {
				FunctionCounter.builder(id.getName(), (Counter) meter, Counter::count).tags(id.getTags())
						.description(id.getDescription()).baseUnit(id.getBaseUnit()).register(target);
			}
			else if (meter instanceof Timer) {
				FunctionTimer.builder(id.getName(), (Timer) meter, Timer::count,
						t -> t.totalTime(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS).tags(id.getTags())
						.description(id.getDescription()).register(target);
			}
			else {
				sluice.environment().status().once("spring:meter:" + id.getName(), "spring",
						"meter " + id.getName() + " (" + id.getType() + ") is not mirrored into the application's registry",
						null);
			}
		}
		catch (RuntimeException e) {
			sluice.environment().status().once("spring:meter:" + id.getName(), "spring",
					"meter " + id.getName() + " could not be mirrored into the application's registry", e);
		}
	}
}
