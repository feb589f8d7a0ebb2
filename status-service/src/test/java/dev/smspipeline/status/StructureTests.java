package dev.smspipeline.status;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import dev.smspipeline.testsupport.architecture.ServiceStructure;

/**
 * The status service's main classes keep the structure every service keeps: no cycle
 * between its capability packages, no use of another service's code.
 */
@AnalyzeClasses(packages = "dev.smspipeline.status", importOptions = ImportOption.DoNotIncludeTests.class)
class StructureTests {

	@ArchTest
	static final ArchTests serviceStructure = ArchTests.in(ServiceStructure.class);

}
