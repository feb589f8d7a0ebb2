package dev.smspipeline.platform.observability;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import dev.smspipeline.platform.logging.LogContext;

/**
 * Puts the text or campaign a request is about into the MDC for as long as its handler
 * runs: {@code {messageId}} and {@code {campaignId}} path variables, {@code {id}} under
 * {@code /api/v1/messages/} and {@code /api/v1/campaigns/}, and the signed
 * {@code messageId} and {@code accountId} query parameters of carrier webhooks. (The
 * account of an {@code /api} call is put there by the API key filter.)
 */
class LogContextInterceptor implements HandlerInterceptor {

	private static final String SCOPE = LogContextInterceptor.class.getName() + ".scope";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String messageId = null;
		String campaignId = null;
		String accountId = null;
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables instanceof Map<?, ?> map) {
			messageId = text(map.get(LogContext.MESSAGE_ID));
			campaignId = text(map.get(LogContext.CAMPAIGN_ID));
			String id = text(map.get("id"));
			if (id != null && pattern instanceof String path) {
				if (path.startsWith("/api/v1/messages/{id}")) {
					messageId = id;
				}
				else if (path.startsWith("/api/v1/campaigns/{id}")) {
					campaignId = id;
				}
			}
		}
		if (request.getRequestURI().startsWith(request.getContextPath() + "/webhooks/")) {
			messageId = (messageId != null) ? messageId : request.getParameter(LogContext.MESSAGE_ID);
			accountId = request.getParameter(LogContext.ACCOUNT_ID);
		}
		request.setAttribute(SCOPE, LogContext.text(messageId, campaignId, accountId));
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getAttribute(SCOPE) instanceof LogContext.Scope scope) {
			request.removeAttribute(SCOPE);
			scope.close();
		}
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
