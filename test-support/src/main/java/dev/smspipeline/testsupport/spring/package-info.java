/**
 * Spring Boot integration tests wired to the shared infrastructure.
 */
package dev.smspipeline.testsupport.spring;
