package dev.smspipeline.status.callback;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.smspipeline.platform.problem.ProblemWriter;
import dev.smspipeline.twilio.TwilioSignature;

/**
 * Lets a request to {@code /webhooks/carrier/**} through only when its
 * {@code X-Twilio-Signature} proves the carrier sent it, with this URL and these
 * parameters, and (when {@code sms.callbacks.account-sid} is set) for our carrier
 * account. Anything else answers 403 problem+json before a controller runs, so a forged
 * callback publishes nothing.
 */
class CarrierSignatureFilter extends OncePerRequestFilter {

	private final TwilioSignature verifier;

	private final CallbackSettings settings;

	private final ProblemWriter problems;

	private final CallbackMetrics metrics;

	CarrierSignatureFilter(CallbackSettings settings, ProblemWriter problems, CallbackMetrics metrics) {
		this.verifier = new TwilioSignature(settings.authToken());
		this.settings = settings;
		this.problems = problems;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String signature = request.getHeader(TwilioSignature.HEADER);
		if (signature == null || signature.isBlank()) {
			forbid(request, response, "The request has no " + TwilioSignature.HEADER + " header.");
			return;
		}
		String url = WebhookRequests.signedUrl(request, this.settings.publicBaseUrl());
		MultiValueMap<String, String> body = WebhookRequests.bodyParameters(request);
		if (!this.verifier.verifyForm(url, body, signature.trim())) {
			forbid(request, response, "The " + TwilioSignature.HEADER
					+ " does not match this request; check the auth token and, behind a proxy, sms.callbacks.public-base-url.");
			return;
		}
		String accountSid = request.getParameter("AccountSid");
		if (this.settings.restrictsAccount() && accountSid != null && !this.settings.accountSid().equals(accountSid)) {
			forbid(request, response, "The callback belongs to another carrier account.");
			return;
		}
		chain.doFilter(request, response);
	}

	private void forbid(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		this.metrics.forbidden();
		this.problems.write(request, response, HttpStatus.FORBIDDEN, detail);
	}

}
