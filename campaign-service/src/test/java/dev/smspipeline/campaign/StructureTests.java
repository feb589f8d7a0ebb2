package dev.smspipeline.campaign;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import dev.smspipeline.testsupport.architecture.ServiceStructure;

/**
 * The campaign service's main classes keep the structure every service keeps: no cycle
 * between its capability packages, no use of another service's code.
 */
@AnalyzeClasses(packages = "dev.smspipeline.campaign", importOptions = ImportOption.DoNotIncludeTests.class)
class StructureTests {

	@ArchTest
	static final ArchTests serviceStructure = ArchTests.in(ServiceStructure.class);

}
