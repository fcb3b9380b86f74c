package dev.sluice.spring;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import dev.sluice.pipeline.Sluice;

/**
 * A Boot application that {@link ExitHookTest} runs in a JVM of its own and that exits with
 * {@code System.exit(0)} right after starting: Boot's shutdown hook closes the context, where a
 * lifecycle bean in the web server's place logs Boot's graceful-shutdown lines. The bean first
 * gives a concurrently running pipeline hook up to {@link #RACE_WINDOW_MS} to stop the pipeline, so
 * that the race the test guards against is lost every time, not now and then.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ExitHookApp {

	static final long RACE_WINDOW_MS = 3_000;

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]).toAbsolutePath();
		Path config = PlainFileConfig.write(dir, true);
		new SpringApplicationBuilder(ExitHookApp.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off").run("--sluice.config=" + config);
		LoggerFactory.getLogger("exit").info("started");
		System.out.println("exiting");
		System.exit(0);
	}

	@Bean
	SmartLifecycle gracefulShutdownLike() {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				running = true;
			}

			@Override
			public void stop() {
				Logger log = LoggerFactory.getLogger("org.springframework.boot.web.server.GracefulShutdown");
				long end = System.nanoTime() + RACE_WINDOW_MS * 1_000_000L;
				// bounded: with the fix the pipeline keeps running through the context's close
				while (Sluice.global().isRunning() && System.nanoTime() < end) {
					Thread.onSpinWait();
					Thread.yield();
				}
				log.info("Commencing graceful shutdown. Waiting for active requests to complete");
				log.info("Graceful shutdown complete");
				running = false;
			}

			@Override
			public boolean isRunning() {
				return running;
			}
		};
	}
}
