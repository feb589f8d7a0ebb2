/**
 * Schema evolution: the published versions of every contract and the BACKWARD check that
 * the build and the embedded registry apply.
 */
package dev.smspipeline.schemas.compat;
