package dev.smspipeline.platform.problem;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * problem+json for every error a service answers: what controllers raise
 * ({@link ProblemHandler}), the error page ({@link ProblemErrorController}, in place of
 * Boot's), parameters Tomcat cannot decode ({@link UndecodableParameterFilter}) and what
 * Tomcat refuses before any servlet runs ({@link ProblemErrorReportValve}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@Import(ProblemHandler.class)
public class ProblemAutoConfiguration {

	@Bean
	ProblemWriter problemWriter(JsonMapper json) {
		return new ProblemWriter(json);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ErrorPageConfiguration {

		@Bean
		ErrorController problemErrorController(ProblemWriter writer) {
			return new ProblemErrorController(writer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.apache.tomcat.util.http.InvalidParameterException")
	static class TomcatConfiguration {

		/** Inside the observation filter, outside every filter that reads parameters. */
		@Bean
		FilterRegistrationBean<UndecodableParameterFilter> undecodableParameterFilter(ProblemWriter writer) {
			FilterRegistrationBean<UndecodableParameterFilter> registration = new FilterRegistrationBean<>(
					new UndecodableParameterFilter(writer));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
			return registration;
		}

		/**
		 * Replaces the host's error report valve (Boot adds one that writes a bare HTML
		 * page) after Boot's customizer (order 0) ran.
		 */
		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValveCustomizer(
				ProblemWriter writer) {
			return new ProblemErrorReportValveCustomizer(writer);
		}

	}

	static final class ProblemErrorReportValveCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		private final ProblemWriter writer;

		ProblemErrorReportValveCustomizer(ProblemWriter writer) {
			this.writer = writer;
		}

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
				for (Valve valve : context.getParent().getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						context.getParent().getPipeline().removeValve(valve);
					}
				}
				context.getParent().getPipeline().addValve(new ProblemErrorReportValve(this.writer));
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
