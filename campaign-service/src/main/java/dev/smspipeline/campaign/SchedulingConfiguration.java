package dev.smspipeline.campaign;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs campaign processing, the release jobs, the one-off purge and the gauge refresh on
 * Spring's scheduler ({@code spring.task.scheduling.pool.size} threads, one per job, so
 * release never waits for processing).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}
