package dev.smspipeline.campaign.message;

import java.util.Optional;
import java.util.function.Supplier;

import dev.smspipeline.campaign.admission.Admission;
import dev.smspipeline.campaign.admission.TextFacts;
import dev.smspipeline.campaign.admission.Timing;
import dev.smspipeline.campaign.consent.OptOut;
import dev.smspipeline.campaign.content.ContentViolation;
import dev.smspipeline.campaign.recipient.PhoneNumberCheck;

/**
 * What the admission policy needs to know about a one-off request. The suppression list
 * is looked up only when the number can be texted; the segment limit was checked when the
 * request was validated.
 *
 * @param check the number check
 * @param trial whether the account may text the recipient (trial mode)
 * @param optOut looks the recipient up on the account's suppression list
 * @param violation the content rule the body breaks, if any
 * @param timing now, the time asked for, the validity
 */
record OneOffFacts(PhoneNumberCheck check, Supplier<Optional<Admission.Reject>> trial,
		Supplier<Optional<OptOut>> optOut, Optional<ContentViolation> violation, Timing timing) implements TextFacts {

	@Override
	public Optional<Admission.Reject> numberRefused() {
		return (this.check instanceof PhoneNumberCheck.Rejected rejected)
				? Optional.of(new Admission.Reject(rejected.reasonCode(), rejected.reason(), null)) : Optional.empty();
	}

	@Override
	public Optional<Admission.Reject> recipientRefused() {
		return this.trial.get();
	}

	@Override
	public Optional<String> optedOut() {
		return this.optOut.get().map(OptOut::reason);
	}

	@Override
	public Optional<ContentViolation> contentViolation() {
		return this.violation;
	}

}
