package dev.smspipeline.campaign.account;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * An account as an operator writes it ({@code POST /admin/v1/accounts}; a {@code PATCH}
 * is merged into the current one and must give the same).
 *
 * @param id lowercase letters, digits, {@code -} and {@code _}, at most 63; never changes
 * @param name shown in the console; the id when absent
 * @param senders the numbers the account sends from (each belongs to one account)
 * @param defaultSender one of {@code senders}, for texts that name none
 * @param dailyLimit most segments a day, absent for none
 * @param monthlyLimit most segments a calendar month, absent for none
 * @param trial whether the account may text only its verified numbers
 * @param verifiedNumbers the numbers a trial account may text
 * @param helpText the answer to a lead's HELP or INFO sent to one of the account's
 * senders, at most one SMS segment ({@link HelpTexts}); absent or blank: the service-wide
 * help text
 */
public record AccountRequest(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}",
		message = "must be 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit") String id,
		@Size(max = 200) String name, @Size(max = 1000) List<@NotNull @Valid SenderRequest> senders,
		String defaultSender, @PositiveOrZero Long dailyLimit, @PositiveOrZero Long monthlyLimit, Boolean trial,
		@Size(max = 1000) List<@NotBlank String> verifiedNumbers, String helpText) {

	/**
	 * One sender number.
	 *
	 * @param number E.164 (long code, toll-free) or 5 or 6 digits (short code)
	 * @param kind its kind
	 * @param segmentsPerSecond its throughput, the kind's default when absent
	 */
	public record SenderRequest(@NotBlank String number, @NotNull SenderKind kind,
			@Positive @DecimalMax("10000") Double segmentsPerSecond) {
	}

}
