/**
 * The registry's operations on subjects, schemas and compatibility levels, with
 * Confluent's error codes.
 */
package dev.smspipeline.registry.subjects;
