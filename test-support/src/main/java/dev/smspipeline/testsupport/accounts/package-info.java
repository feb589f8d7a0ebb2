/**
 * The accounts every integration test can call the APIs as.
 */
package dev.smspipeline.testsupport.accounts;
