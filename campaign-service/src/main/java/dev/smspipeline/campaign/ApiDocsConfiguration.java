package dev.smspipeline.campaign;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.smspipeline.platform.account.AccountId;

/**
 * The OpenAPI description ({@code /v3/api-docs}) and Swagger UI
 * ({@code /swagger-ui/index.html}), both open; the API they describe takes
 * {@code Authorization: Bearer <api key>}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	static {
		// The caller's account comes from the API key, not from a request parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(AccountId.class);
	}

	@Bean
	OpenAPI campaignServiceApi() {
		return new OpenAPI()
			.info(new Info().title("campaign-service")
				.version("v1")
				.description("Campaigns with their lifecycle, audiences (inline and CSV), schedules and quiet hours, "
						+ "deleted leads, one-off texts (Idempotency-Key, duplicate triggers) and opt-outs. "
						+ "Errors are RFC 9457 problem+json."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("The API key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
