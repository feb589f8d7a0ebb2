package dev.smspipeline.campaign.audience;

import java.util.Map;

/**
 * One inline recipient of {@code POST /api/v1/campaigns}.
 *
 * @param phone phone number, E.164 preferred
 * @param timezone IANA time zone, e.g. {@code America/Chicago}; from the number when
 * absent
 * @param attributes values for the body's placeholders, e.g. {@code firstName}
 */
public record Recipient(String phone, String timezone, Map<String, String> attributes) {

}
