/**
 * Content rules: per account and recipient country, what a text may not say (gambling
 * terms to US numbers, public URL shorteners, configured blocked terms and patterns). A
 * text that breaks one ends REJECTED with {@code CONTENT_POLICY} and the rule's name,
 * one-off texts at request time, campaign texts when the campaign is processed.
 */
package dev.smspipeline.campaign.content;
