package dev.smspipeline.testsupport.architecture;

import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure rules every service's {@code StructureTests} runs against its own main
 * classes:
 *
 * <pre>
 * &#64;AnalyzeClasses(packages = "dev.smspipeline.campaign", importOptions = ImportOption.DoNotIncludeTests.class)
 * class StructureTests {
 *     &#64;ArchTest
 *     static final ArchTests serviceStructure = ArchTests.in(ServiceStructure.class);
 * }
 * </pre>
 *
 * A capability package is a package directly under a service's root
 * ({@code dev.smspipeline.campaign.schedule}, with its subpackages); the classes in the
 * root package itself (the application and its configuration) belong to none.
 */
public final class ServiceStructure {

	/** The services, each the root package {@code dev.smspipeline.<service>}. */
	public static final List<String> SERVICES = List.of("campaign", "dispatch", "status");

	private static final String PREFIX = "dev.smspipeline.";

	/**
	 * No two capability packages of a service depend on each other, directly or through
	 * others: each can be read, changed and tested from the packages below it.
	 */
	@ArchTest
	public static final ArchRule capabilityPackagesFormNoCycles = slices().matching("dev.smspipeline.(*).(*)..")
		.namingSlices("$1 package $2")
		.should()
		.beFreeOfCycles()
		.as("capability packages of a service form no cycle");

	/**
	 * No class of one service uses a class of another service: services share only the
	 * {@code schemas}, {@code platform} and {@code twilio-signature} modules.
	 */
	@ArchTest
	public static final ArchRule noServiceUsesAnother = classes().should(useNoOtherService())
		.as("no service uses another service's code");

	private ServiceStructure() {
	}

	/** The service a class belongs to, if it belongs to one. */
	static Optional<String> serviceOf(JavaClass type) {
		String name = type.getPackageName();
		for (String service : SERVICES) {
			String root = PREFIX + service;
			if (name.equals(root) || name.startsWith(root + ".")) {
				return Optional.of(service);
			}
		}
		return Optional.empty();
	}

	private static ArchCondition<JavaClass> useNoOtherService() {
		return new ArchCondition<>("use no other service's code") {
			@Override
			public void check(JavaClass type, ConditionEvents events) {
				Optional<String> own = serviceOf(type);
				if (own.isEmpty()) {
					return;
				}
				for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
					Optional<String> other = serviceOf(dependency.getTargetClass());
					if (other.isPresent() && !other.equals(own)) {
						events.add(SimpleConditionEvent.violated(dependency,
								dependency.getDescription() + " (" + own.get() + " uses " + other.get() + ")"));
					}
				}
			}
		};
	}

}
