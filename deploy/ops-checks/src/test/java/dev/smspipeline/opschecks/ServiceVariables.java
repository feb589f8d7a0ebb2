package dev.smspipeline.opschecks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables a service reads: the ${VARIABLE:default} placeholders of
 * its application.yml, and any property through Spring Boot's relaxed binding (SMS_...,
 * SPRING_..., SERVER_..., MANAGEMENT_..., LOGGING_...). A deployment that sets anything
 * else has a typo: Spring ignores unknown variables without a word.
 */
final class ServiceVariables {

	static final List<String> SERVICES = List.of("campaign-service", "dispatch-service", "status-service");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	private static final List<String> BOUND_PREFIXES = List.of("SMS_", "SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_");

	// Read by the JVM itself.
	private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private ServiceVariables() {
	}

	static Set<String> placeholders(String service) {
		String yaml = Repository.read(Repository.path(service + "/src/main/resources/application.yml"));
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(yaml);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	static boolean reads(String service, String variable) {
		return JVM.contains(variable) || placeholders(service).contains(variable)
				|| BOUND_PREFIXES.stream().anyMatch(variable::startsWith);
	}

}
