/**
 * One-off texts fired by CRM workflow triggers: {@code POST /api/v1/messages} checks the
 * request and publishes it for dispatch.
 */
package dev.smspipeline.campaign.message;
