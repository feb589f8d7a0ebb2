/**
 * What becomes of a text, decided once for every path (one-off requests, campaign
 * processing, campaign release): send it, hold it until a time, reject it with a reason
 * code, expire it, or skip it ({@link dev.smspipeline.campaign.admission.Admission}). The
 * {@link dev.smspipeline.campaign.admission.AdmissionPolicy} is pure: it reads the text's
 * facts and does nothing else, so its rules are tested without a database.
 */
package dev.smspipeline.campaign.admission;
