/**
 * Reading topics from a test: wait until a record that matches shows up.
 */
package dev.smspipeline.testsupport.kafka;
