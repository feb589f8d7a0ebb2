package dev.smspipeline.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.testsupport.spring.ServiceIntegrationTest;

/**
 * dispatch-service started whole against the shared broker, registry and database and
 * this JVM's one carrier simulator ({@link SimulatedCarrier#shared()}), with no status
 * callbacks asked for. A number keeps two texts in memory, so any third is parked: every
 * class also runs through the parked table. {@link SubmissionFlow} is a Mockito spy, for
 * the tests that make one text's processing fail: it does what the real flow does until a
 * test stubs it for its own text, and Spring resets it after each test. Test classes that
 * add nothing else share one application context.
 *
 * <p>
 * Between test classes the context is paused, not closed ({@code spring.properties} in
 * the test resources sets {@code spring.test.context.cache.pause=always}): its listeners
 * stop and leave the shared consumer group, so no cached context takes the records of a
 * class that starts dispatch instances of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ServiceIntegrationTest
@TestPropertySource(properties = "sms.dispatch.max-buffered-per-number=2")
@Import(DispatchIntegrationTest.SharedCarrier.class)
@MockitoSpyBean(types = SubmissionFlow.class)
public @interface DispatchIntegrationTest {

	/** Points {@code sms.carrier.*} at the shared simulator. */
	@TestConfiguration(proxyBeanMethods = false)
	class SharedCarrier {

		@Bean
		static DynamicPropertyRegistrar sharedCarrierProperties() {
			return (registry) -> SimulatedCarrier.register(registry, SimulatedCarrier.shared());
		}

	}

}
