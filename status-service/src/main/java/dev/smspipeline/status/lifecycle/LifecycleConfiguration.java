package dev.smspipeline.status.lifecycle;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the ageing and completion jobs on Spring's scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LifecycleConfiguration {

}
