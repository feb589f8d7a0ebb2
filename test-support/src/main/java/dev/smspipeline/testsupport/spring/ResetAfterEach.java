package dev.smspipeline.testsupport.spring;

import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Puts a bean of the test's application context back after each test, for beans that
 * tests move and that every later test of a shared context expects unmoved (a clock set
 * to another day). Held in a static field annotated {@code @RegisterExtension}:
 * <pre>{@code
 * &#64;RegisterExtension
 * static final ResetAfterEach<MutableClock> clockReset = ResetAfterEach.of(MutableClock.class, MutableClock::reset);
 * }</pre>
 *
 * @param <T> the bean's type
 */
public final class ResetAfterEach<T> implements AfterEachCallback {

	private final Class<T> type;

	private final Consumer<T> reset;

	private ResetAfterEach(Class<T> type, Consumer<T> reset) {
		this.type = type;
		this.reset = reset;
	}

	/**
	 * After each test, applies {@code reset} to the one bean of {@code type}.
	 * @param type the bean's type, unique in the context
	 * @param reset what puts it back
	 * @param <T> the bean's type
	 * @return the extension
	 */
	public static <T> ResetAfterEach<T> of(Class<T> type, Consumer<T> reset) {
		return new ResetAfterEach<>(type, reset);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.reset.accept(SpringExtension.getApplicationContext(context).getBean(this.type));
	}

}
