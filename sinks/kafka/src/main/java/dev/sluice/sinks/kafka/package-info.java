/**
 * The Kafka sink: records as JSON objects (the shape {@code sluice ship} reads, plus {@code id}
 * and {@code schema}) on a topic, written by an idempotent producer off every Reactor thread.
 * Handler classes {@code sluice.kafka} and {@code kafka}.
 */
package dev.sluice.sinks.kafka;
