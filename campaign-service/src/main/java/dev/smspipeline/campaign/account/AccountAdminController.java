package dev.smspipeline.campaign.account;

import java.net.URI;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' accounts API, {@code /admin/v1/accounts} (operator key required, see
 * {@link OperatorKeyFilter}). Refusals are problem+json naming the field.
 */
@RestController
@RequestMapping("/admin/v1/accounts")
class AccountAdminController {

	private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final AccountAdmin accounts;

	AccountAdminController(AccountAdmin accounts) {
		this.accounts = accounts;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AccountView> create(@RequestBody AccountRequest request) {
		AccountView account = this.accounts.create(request);
		return ResponseEntity.created(URI.create("/admin/v1/accounts/" + account.id())).body(account);
	}

	@GetMapping
	Map<String, List<AccountView>> list() {
		return Map.of("items", this.accounts.list());
	}

	@GetMapping("/{id}")
	AccountView get(@PathVariable String id) {
		return this.accounts.get(id);
	}

	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON })
	AccountView patch(@PathVariable String id, @RequestBody JsonNode patch) {
		return this.accounts.patch(id, patch);
	}

	@PostMapping("/{id}/suspend")
	AccountView suspend(@PathVariable String id) {
		return this.accounts.suspend(id);
	}

	@PostMapping("/{id}/resume")
	AccountView resume(@PathVariable String id) {
		return this.accounts.resume(id);
	}

	@PostMapping("/{id}/keys")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedKey issueKey(@PathVariable String id, @RequestBody(required = false) KeyRequest request) {
		return this.accounts.issueKey(id, (request != null) ? request.name() : null);
	}

	@GetMapping("/{id}/keys")
	Map<String, List<ApiKeyView>> keys(@PathVariable String id) {
		return Map.of("items", this.accounts.keys(id));
	}

	@DeleteMapping("/{id}/keys/{keyId}")
	ResponseEntity<Void> revokeKey(@PathVariable String id, @PathVariable String keyId) {
		this.accounts.revokeKey(id, keyId);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A key to issue.
	 *
	 * @param name what to call it (e.g. where it is used), optional
	 */
	record KeyRequest(String name) {
	}

}
