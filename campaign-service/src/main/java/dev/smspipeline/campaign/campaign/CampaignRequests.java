package dev.smspipeline.campaign.campaign;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.smspipeline.campaign.audience.Audiences;
import dev.smspipeline.campaign.audience.Recipient;
import dev.smspipeline.campaign.message.MessageSettings;
import dev.smspipeline.campaign.message.Senders;
import dev.smspipeline.platform.sms.SmsSegments;
import dev.smspipeline.campaign.message.Template;
import dev.smspipeline.campaign.schedule.QuietHours;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.FieldError;
import dev.smspipeline.platform.problem.Problems;

/**
 * Checks a campaign request field by field and turns it into a
 * {@link Campaign.Definition}; every fault is answered at once, as 400 problem+json
 * listing each field and reason.
 */
@Component
class CampaignRequests {

	static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm");

	private static final int MAX_NAME = 200;

	private static final int MAX_SENDER = 32;

	private final CampaignSettings settings;

	private final MessageSettings messages;

	private final Audiences audiences;

	private final Senders senders;

	CampaignRequests(CampaignSettings settings, MessageSettings messages, Audiences audiences, Senders senders) {
		this.senders = senders;
		this.settings = settings;
		this.messages = messages;
		this.audiences = audiences;
	}

	Campaign.Definition definition(AccountId account, CampaignRequest request, List<Recipient> recipients) {
		List<FieldError> errors = new ArrayList<>();
		String name = required(request.name(), "name", errors);
		if (name != null && name.length() > MAX_NAME) {
			errors.add(new FieldError("name", "is longer than " + MAX_NAME + " characters"));
		}
		String body = required(request.body(), "body", errors);
		int segments = 0;
		if (body != null) {
			segments = SmsSegments.count(Template.compile(body).render(Map.of()));
			if (segments > this.messages.maxSegments()) {
				errors.add(new FieldError("body", "needs " + segments + " SMS segments; the limit is "
						+ this.messages.maxSegments() + " (sms.messages.max-segments)"));
			}
		}
		String sender = (request.sender() != null && !request.sender().isBlank()) ? request.sender().trim() : null;
		if (sender != null && sender.length() > MAX_SENDER) {
			errors.add(new FieldError("sender", "is longer than " + MAX_SENDER + " characters"));
		}
		rejectNul(request.name(), "name", errors);
		rejectNul(request.body(), "body", errors);
		rejectNul(sender, "sender", errors);
		LocalTime localTime = null;
		if (request.sendAtLocalTime() != null) {
			localTime = timeOfDay(request.sendAtLocalTime(), "sendAtLocalTime", errors);
			if (request.sendAt() != null) {
				errors.add(new FieldError("sendAtLocalTime", "cannot be combined with sendAt; give one of them"));
			}
		}
		QuietHours quietHours = quietHours(request.quietHours(), errors);
		Duration validity = (request.validity() != null) ? request.validity() : this.settings.defaultValidity();
		if (validity.isNegative() || validity.isZero()) {
			errors.add(new FieldError("validity", "must be a positive ISO-8601 duration such as PT4H"));
		}
		else if (validity.compareTo(this.settings.maxValidity()) > 0) {
			errors.add(new FieldError("validity", "is longer than " + this.settings.maxValidity()));
		}
		Duration smart = request.smartSendingWindow();
		if (smart != null && (smart.isNegative() || smart.isZero())) {
			errors.add(new FieldError("smartSendingWindow", "must be a positive ISO-8601 duration such as PT24H"));
		}
		else if (smart != null && smart.compareTo(this.settings.maxSmartSendingWindow()) > 0) {
			errors.add(new FieldError("smartSendingWindow", "is longer than " + this.settings.maxSmartSendingWindow()));
		}
		if (recipients != null) {
			errors.addAll(this.audiences.validate(recipients));
		}
		if (!errors.isEmpty()) {
			throw Problems.invalid(errors);
		}
		if (sender != null) {
			sender = this.senders.owned(account, sender)
				.orElseThrow(() -> Problems.unprocessable("sender", Senders.NOT_OWNED));
		}
		return new Campaign.Definition(name.trim(), body, sender, request.sendAt(), localTime, quietHours, validity,
				smart, segments);
	}

	private static QuietHours quietHours(CampaignRequest.QuietHoursRequest request, List<FieldError> errors) {
		if (request == null) {
			return QuietHours.DEFAULT;
		}
		boolean enabled = request.enabled() == null || request.enabled();
		LocalTime start = (request.start() != null) ? timeOfDay(request.start(), "quietHours.start", errors)
				: QuietHours.DEFAULT.start();
		LocalTime end = (request.end() != null) ? timeOfDay(request.end(), "quietHours.end", errors)
				: QuietHours.DEFAULT.end();
		if (start == null || end == null) {
			return QuietHours.DEFAULT;
		}
		if (enabled && start.equals(end)) {
			errors.add(new FieldError("quietHours.end", "must differ from quietHours.start"));
			return QuietHours.DEFAULT;
		}
		return new QuietHours(enabled, start, end);
	}

	private static LocalTime timeOfDay(String value, String field, List<FieldError> errors) {
		try {
			return LocalTime.parse(value.trim(), TIME_OF_DAY);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "is not a time of day as HH:mm, e.g. 10:00"));
			return null;
		}
	}

	/** PostgreSQL refuses NUL in text and jsonb: say so instead of failing the insert. */
	private static void rejectNul(String value, String field, List<FieldError> errors) {
		if (value != null && value.indexOf('\0') >= 0) {
			errors.add(new FieldError(field, Audiences.NUL_REASON));
		}
	}

	private static String required(String value, String field, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		return value;
	}

}
