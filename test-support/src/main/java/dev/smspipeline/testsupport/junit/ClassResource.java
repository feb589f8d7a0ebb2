package dev.smspipeline.testsupport.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A resource a test class opens once and JUnit closes after the class's last test. Held
 * in a static field annotated {@code @RegisterExtension}, it needs no {@code @AfterAll}
 * method: <pre>{@code
 * &#64;RegisterExtension
 * static final TopicProbe<DeliveryStatus> statuses = TopicProbe.of(Topics.DELIVERY_STATUS);
 * }</pre>
 */
public interface ClassResource extends AutoCloseable, AfterAllCallback {

	/** Closes this resource once every test of the class that registered it has run. */
	@Override
	default void afterAll(ExtensionContext context) throws Exception {
		close();
	}

}
