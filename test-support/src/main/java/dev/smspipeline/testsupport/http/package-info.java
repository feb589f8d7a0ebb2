/**
 * Calling a service's HTTP API from a test, as a given account.
 */
package dev.smspipeline.testsupport.http;
