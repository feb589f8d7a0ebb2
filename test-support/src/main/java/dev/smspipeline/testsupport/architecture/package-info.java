/**
 * The structure every service keeps, as ArchUnit rules its {@code StructureTests} run:
 * the capability packages under a service's root form no cycle, and no service uses
 * another service's code (they share only {@code schemas}, {@code platform} and
 * {@code twilio-signature}).
 */
package dev.smspipeline.testsupport.architecture;
