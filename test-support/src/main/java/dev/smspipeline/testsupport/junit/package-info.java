/**
 * JUnit 5 extensions the services' tests share, in place of setup and teardown methods
 * copied from class to class.
 */
package dev.smspipeline.testsupport.junit;
