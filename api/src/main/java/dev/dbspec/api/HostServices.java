package dev.dbspec.api;

/**
 * Services the host offers to engine specs, handed over once through
 * {@link EngineSpec#initialize(HostServices)}.
 *
 * <p>Implementations are chosen by the host: an embedded cache and an in-process executor by default,
 * Redis and RabbitMQ when configured. A spec codes against these interfaces only.
 */
public interface HostServices {
    /** The cache, already namespaced for the calling plugin. */
    CacheService cache();

    /** The task service for asynchronous work. */
    TaskService tasks();
}
