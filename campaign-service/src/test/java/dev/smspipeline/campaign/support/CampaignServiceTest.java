package dev.smspipeline.campaign.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

/**
 * campaign-service started whole against the real broker, registry and database, with a
 * {@link MutableClock}, the {@code test} profile's short intervals and a
 * {@link DispatchStandIn} that reports every released campaign text submitted. Every
 * integration test class of the module uses exactly this, so they all share one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceIntegrationTest
@ActiveProfiles("test")
@Import({ CampaignServiceTest.TestClock.class, DispatchStandIn.class })
public @interface CampaignServiceTest {

	/** The movable clock, in place of the system clock. */
	@TestConfiguration(proxyBeanMethods = false)
	class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
