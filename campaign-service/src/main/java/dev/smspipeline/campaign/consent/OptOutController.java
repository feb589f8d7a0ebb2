package dev.smspipeline.campaign.consent;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.smspipeline.campaign.recipient.PhoneNumbers;
import dev.smspipeline.platform.account.AccountId;
import dev.smspipeline.platform.problem.Problems;

/**
 * The caller's suppression list, one number at a time:
 * <ul>
 * <li>{@code GET /api/v1/opt-outs/{e164}}: 200 with the opt-out, 404 when the number has
 * not opted out of the account's texts;</li>
 * <li>{@code PUT /api/v1/opt-outs/{e164}}: opts the number out (200 with the
 * opt-out);</li>
 * <li>{@code DELETE /api/v1/opt-outs/{e164}}: lifts an opt-out the API set (204, also
 * when the number had not opted out); one the lead sent or the carrier reported answers
 * 409: only the lead's own START lifts it.</li>
 * </ul>
 * Both changes take effect here at once and are published on {@code sms.opt-outs} (source
 * API). The number may be written in any form libphonenumber reads; a number that is not
 * valid answers 400.
 */
@RestController
@RequestMapping("/api/v1/opt-outs")
class OptOutController {

	private final OptOuts optOuts;

	private final OptOutChanges changes;

	private final PhoneNumbers phoneNumbers;

	OptOutController(OptOuts optOuts, OptOutChanges changes, PhoneNumbers phoneNumbers) {
		this.optOuts = optOuts;
		this.changes = changes;
		this.phoneNumbers = phoneNumbers;
	}

	@GetMapping("/{e164}")
	OptOut get(AccountId account, @PathVariable String e164) {
		String number = e164(e164);
		return this.optOuts.find(account.value(), number).orElseThrow(() -> Problems.notFound("opt-out", number));
	}

	@PutMapping("/{e164}")
	OptOut optOut(AccountId account, @PathVariable String e164) {
		return this.changes.optOut(account, e164(e164));
	}

	@DeleteMapping("/{e164}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void optIn(AccountId account, @PathVariable String e164) {
		this.changes.optIn(account, e164(e164));
	}

	private String e164(String raw) {
		return this.phoneNumbers.e164(raw).orElseThrow(() -> Problems.invalid("e164", "not a valid phone number"));
	}

}
