package dev.smspipeline.simulator.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The simulator's one HTTP handler: picks a route by method and path, and answers
 * Twilio-shaped errors for everything else.
 */
public final class Routes implements HttpHandler {

	private static final System.Logger logger = System.getLogger(Routes.class.getName());

	private final List<Route> routes = new ArrayList<>();

	/**
	 * Adds a route.
	 * @param method the HTTP method
	 * @param path a regular expression for the whole path; its groups reach the handler
	 * @param handler the handler
	 * @return this
	 */
	public Routes add(String method, String path, Handler handler) {
		this.routes.add(new Route(method, Pattern.compile(path), handler));
		return this;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			boolean pathMatched = false;
			for (Route route : this.routes) {
				Matcher matcher = route.path().matcher(path);
				if (matcher.matches()) {
					pathMatched = true;
					if (route.method().equalsIgnoreCase(method)) {
						route.handler().handle(exchange, matcher);
						return;
					}
				}
			}
			drain(exchange);
			Exchanges.sendError(exchange,
					pathMatched ? TwilioError.methodNotAllowed(method) : TwilioError.notFound(path));
		}
		catch (Exchanges.BodyTooLargeException ex) {
			Exchanges.sendError(exchange, new TwilioError(413, 20413, ex.getMessage()));
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "I/O failure answering " + exchange.getRequestURI(), ex);
			exchange.close();
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Failure answering " + exchange.getRequestURI(), ex);
			try {
				Exchanges.sendError(exchange, TwilioError.internalError());
			}
			catch (IOException | RuntimeException ignored) {
				exchange.close();
			}
		}
	}

	private static void drain(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
	}

	/**
	 * Handles one matched route.
	 */
	@FunctionalInterface
	public interface Handler {

		void handle(HttpExchange exchange, Matcher path) throws IOException;

	}

	private record Route(String method, Pattern path, Handler handler) {
	}

}
