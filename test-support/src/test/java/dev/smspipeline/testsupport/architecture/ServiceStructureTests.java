package dev.smspipeline.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure rules find what they forbid, in fixture classes made to break them.
 */
class ServiceStructureTests {

	@Test
	void findsACycleBetweenCapabilityPackagesOfAService() {
		JavaClasses classes = new ClassFileImporter().importPackages("dev.smspipeline.status.fixturea",
				"dev.smspipeline.status.fixtureb");

		assertThat(ServiceStructure.capabilityPackagesFormNoCycles.evaluate(classes).getFailureReport().getDetails())
			.singleElement()
			.asString()
			.contains("status package fixturea", "status package fixtureb");
	}

	@Test
	void findsAServiceUsingAnotherServicesClass() {
		JavaClasses classes = new ClassFileImporter().importPackages("dev.smspipeline.campaign.fixturec");

		assertThat(ServiceStructure.noServiceUsesAnother.evaluate(classes).getFailureReport().getDetails())
			.singleElement()
			.asString()
			.contains("Caller.callee", "Callee", "campaign uses dispatch");
	}

	@Test
	void allowsAServiceUsingItsOwnClasses() {
		JavaClasses classes = new ClassFileImporter().importPackages("dev.smspipeline.dispatch.fixtured",
				"dev.smspipeline.status.fixturea");

		assertThat(ServiceStructure.capabilityPackagesFormNoCycles.evaluate(classes).hasViolation()).isFalse();
		assertThat(ServiceStructure.noServiceUsesAnother.evaluate(classes).hasViolation()).isFalse();
	}

}
