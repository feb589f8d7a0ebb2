package dev.smspipeline.campaign.message;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTests {

	@Test
	void fillsPlaceholdersFromAttributes() {
		assertThat(Template.compile("Hi {{firstName}}, your {{ item }} shipped")
			.render(Map.of("firstName", "Ada", "item", "order"))).isEqualTo("Hi Ada, your order shipped");
	}

	@Test
	void rendersAMissingAttributeEmpty() {
		assertThat(Template.compile("Hi {{firstName}}!").render(Map.of())).isEqualTo("Hi !");
	}

	@Test
	void leavesTextWithoutPlaceholdersAlone() {
		assertThat(Template.compile("Sale {today} 50%").render(Map.of("today", "x"))).isEqualTo("Sale {today} 50%");
	}

	@Test
	void namesItsPlaceholders() {
		assertThat(Template.compile("{{a}} and {{b}}").placeholders()).containsExactly("a", "b");
	}

}
