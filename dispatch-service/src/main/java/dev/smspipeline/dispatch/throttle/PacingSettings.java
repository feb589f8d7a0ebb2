package dev.smspipeline.dispatch.throttle;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast dispatch may text one number, one pair of numbers and one sender.
 *
 * @param minInterval least time between two carrier submissions to the same recipient,
 * measured from the carrier's answer to the first to the start of the second, so the
 * carrier sees at least this gap whatever the network does
 * @param recipientWindow a rolling cap per recipient (off by default)
 * @param pair the limits per (sender, recipient) pair
 * @param senderCap the optional cap per sender number in segments per second
 */
@Validated
@ConfigurationProperties("sms.dispatch")
public record PacingSettings(@DefaultValue("1s") @NotNull Duration minInterval,
		@Valid @NotNull @DefaultValue Window recipientWindow, @Valid @NotNull @DefaultValue Pair pair,
		@Valid @NotNull @DefaultValue SenderCap senderCap) {

	/** The defaults: 1 s per recipient, nothing else. */
	public static PacingSettings defaults() {
		return new PacingSettings(Duration.ofSeconds(1), Window.off(), Pair.defaults(), SenderCap.off());
	}

	/**
	 * At most {@code maxTexts} submissions within any {@code length}.
	 *
	 * @param length the window
	 * @param maxTexts the most texts in it; 0 turns the cap off
	 */
	public record Window(@DefaultValue("1h") @NotNull Duration length, @DefaultValue("0") @Min(0) int maxTexts) {

		public static Window off() {
			return new Window(Duration.ofHours(1), 0);
		}

		boolean enabled() {
			return this.maxTexts > 0 && RecipientPacer.positive(this.length);
		}

	}

	/**
	 * Limits between one sender and one recipient, after Twilio's 14107 rule (about 30
	 * texts between the same two numbers with gaps under 30 s fail further texts for 30
	 * s).
	 *
	 * @param minInterval least time between two texts of the pair (0: only the
	 * recipient's interval applies)
	 * @param windowLength the rolling window of the pair's cap
	 * @param windowMaxTexts the most texts of the pair within {@code windowLength}; 0
	 * turns the cap off
	 * @param hold how long a 14107 answer holds the pair when it names no time
	 */
	public record Pair(@DefaultValue("0s") @NotNull Duration minInterval,
			@DefaultValue("30s") @NotNull Duration windowLength, @DefaultValue("0") @Min(0) int windowMaxTexts,
			@DefaultValue("30s") @NotNull Duration hold) {

		public static Pair defaults() {
			return new Pair(Duration.ZERO, Duration.ofSeconds(30), 0, Duration.ofSeconds(30));
		}

		Window window() {
			return new Window(this.windowLength, this.windowMaxTexts);
		}

	}

	/**
	 * Messages per second per sender number, counting segments as carriers do: a
	 * 3-segment text uses three. A sender whose budget is spent delays only its own
	 * texts.
	 *
	 * @param segmentsPerSecond the cap for every sender; 0 turns it off
	 * @param perSender caps for given sender numbers (E.164), overriding the default; 0
	 * turns it off for that sender
	 */
	public record SenderCap(@DefaultValue("0") @DecimalMin("0.0") double segmentsPerSecond,
			@NotNull @DefaultValue Map<String, Double> perSender) {

		public static SenderCap off() {
			return new SenderCap(0, Map.of());
		}

		double rateOf(String sender) {
			Double own = (sender != null) ? this.perSender.get(sender) : null;
			return (own != null) ? own : this.segmentsPerSecond;
		}

	}

}
