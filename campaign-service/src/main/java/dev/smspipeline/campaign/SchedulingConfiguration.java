package dev.smspipeline.campaign;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs campaign processing and release on Spring's scheduler
 * ({@code spring.task.scheduling.pool.size} threads, so release never waits for
 * processing).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}
